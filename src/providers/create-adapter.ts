import { BlueJeansAdapter } from './adapters/bluejeans.adapter.js';
import { CalcomAdapter } from './adapters/calcom.adapter.js';
import { GenericAdapter } from './adapters/generic/generic.adapter.js';
import { GenesysAdapter } from './adapters/genesys.adapter.js';
import { PhoneComAdapter } from './adapters/phonecom.adapter.js';
import type { ProviderConfig } from './config/provider-config.js';
import type { ProviderAdapter } from './provider-adapter.js';

/** The one place that branches on `kind`. */
export function createAdapter(config: ProviderConfig): ProviderAdapter {
  switch (config.kind) {
    case 'bluejeans':
      return new BlueJeansAdapter(config);
    case 'genesys':
      return new GenesysAdapter(config);
    case 'calcom':
      return new CalcomAdapter(config);
    case 'phonecom':
      return new PhoneComAdapter(config);
    case 'generic':
      return new GenericAdapter(config);
  }
}
