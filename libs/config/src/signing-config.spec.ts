import { loadSigningConfig } from './signing-config';

describe('signing configuration', () => {
  it('defaults to no signer, no timestamp, no trust anchors', () => {
    expect(loadSigningConfig({})).toEqual({
      config: {
        mode: 'none',
        pkcs12: null,
        remote: null,
        tsa: null,
        trustAnchorsPath: null,
        crlPaths: [],
      },
      problems: [],
    });
  });

  it('pkcs12 needs its file and password', () => {
    expect(loadSigningConfig({ SIGNING_MODE: 'pkcs12' }).problems).toEqual([
      'SIGNING_PKCS12_PATH=undefined: required when SIGNING_MODE=pkcs12',
      'SIGNING_PKCS12_PASSWORD=undefined: required when SIGNING_MODE=pkcs12',
    ]);
  });

  it('remote needs its URL, token and credential; timeouts are checked', () => {
    const { config, problems } = loadSigningConfig({
      SIGNING_MODE: 'remote',
      REMOTE_SIGNING_URL: 'ftp://x',
      REMOTE_SIGNING_TOKEN: 't',
      REMOTE_SIGNING_TIMEOUT_MS: '5',
    });
    expect(problems).toEqual([
      'REMOTE_SIGNING_URL="ftp://x": must be an http:// or https:// URL',
      'REMOTE_SIGNING_CREDENTIAL_ID=undefined: required when SIGNING_MODE=remote',
      'REMOTE_SIGNING_TIMEOUT_MS="5": must be a whole number of milliseconds from 100 to 600000',
    ]);
    expect(config.remote?.accessToken).toBe('t');
  });

  it('an unknown mode, a bad TSA URL; CRL files as a list', () => {
    const { config, problems } = loadSigningConfig({
      SIGNING_MODE: 'usb',
      TSA_URL: 'tsa.example',
      SIGNATURE_CRLS: ' a.crl, ,b.crl ',
    });
    expect(problems).toEqual([
      'SIGNING_MODE="usb": must be none, pkcs12 or remote',
      'TSA_URL="tsa.example": must be an http:// or https:// URL',
    ]);
    expect(config.crlPaths).toEqual(['a.crl', 'b.crl']);
  });
});
