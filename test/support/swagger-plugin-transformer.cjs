// ts-jest wants a transformer module exporting name/version/factory; this wraps
// the @nestjs/swagger CLI plugin with the same options as nest-cli.json, so the
// specs the tests build match what `nest build` produces.
const plugin = require('@nestjs/swagger/plugin');
const nestCli = require('../../nest-cli.json');

const options = nestCli.compilerOptions.plugins.find((p) => p.name === '@nestjs/swagger').options;

module.exports = {
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (compiler) => plugin.before(options, compiler.program),
};
