import { describe, expect, it } from '@jest/globals';
import { clientAddressKey } from '../../../src/rate-limit/client-address.js';

describe('clientAddressKey', () => {
  it('keeps IPv4 addresses, unwraps IPv4-mapped IPv6', () => {
    expect(clientAddressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('counts IPv6 per /64, however the address is written', () => {
    const key = clientAddressKey('2001:db8:aa:bb::1');
    expect(key).toBe('2001:db8:aa:bb::/64');
    expect(clientAddressKey('2001:0db8:00aa:00bb:ffff:1:2:3')).toBe(key);
    expect(clientAddressKey('2001:db8:aa:bc::1')).not.toBe(key);
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('an unknown address is one shared key rather than no limit', () => {
    expect(clientAddressKey(undefined)).toBe('unknown');
  });
});
