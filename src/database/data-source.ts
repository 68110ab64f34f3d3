import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/load-config.js';
import { dataSourceOptions } from './data-source-options.js';

/** For the TypeORM CLI (migration:generate / migration:run), run against the built dist/. */
export default new DataSource(dataSourceOptions(loadConfig(process.env).database));
