/**
 * Preloaded into a service process under test (see startServiceProcess): Bot Framework's signing keys come
 * from the test instead of login.botframework.com, so token checks run without any network. The key is
 * the public key in BOT_FRAMEWORK_TEST_PUBLIC_KEY (PEM) under the key id BOT_FRAMEWORK_TEST_KID.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OpenIdMetadata } = require('botframework-connector/lib/auth/openIdMetadata') as {
  OpenIdMetadata: { prototype: { getKey(keyId: string): Promise<{ key: string; endorsements?: string[] } | null> } };
};

OpenIdMetadata.prototype.getKey = async (keyId: string) =>
  keyId === process.env.BOT_FRAMEWORK_TEST_KID ? { key: process.env.BOT_FRAMEWORK_TEST_PUBLIC_KEY ?? '' } : null;
