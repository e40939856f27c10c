import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type StoreFactory, withStore } from './harness';

/** Registers the tests of secrets and config maps. */
export function secretCases(makeStore: StoreFactory): void {
  test(
    'a secret reads back exactly; put replaces it whole',
    withStore(makeStore, async (store) => {
      const data = {
        username: 'ci',
        password: 'p@ss "wörd"\n',
        'tls.crt': '-----BEGIN CERTIFICATE-----\nMII…\n',
      };
      await store.putSecret('registry', data);
      assert.deepEqual(await store.getSecret('registry'), data);
      await store.putSecret('registry', { token: 't' });
      assert.deepEqual(await store.getSecret('registry'), { token: 't' });
      await store.putSecret('empty', {});
      assert.deepEqual(await store.getSecret('empty'), {});
      // A key that is special to JavaScript objects must still come back as plain data.
      const proto = JSON.parse('{"__proto__": "data", "constructor": "too"}') as Record<string, string>;
      await store.putSecret('proto', proto);
      assert.deepEqual(Object.entries((await store.getSecret('proto')) ?? {}), Object.entries(proto));
    }),
  );

  test(
    'secrets list by name and delete once; unknown ones read as undefined',
    withStore(makeStore, async (store) => {
      assert.deepEqual(await store.listSecrets(), []);
      for (const name of ['zeta', 'alpha', 'mid']) await store.putSecret(name, { k: name });
      assert.deepEqual(await store.listSecrets(), ['alpha', 'mid', 'zeta']);
      assert.equal(await store.deleteSecret('mid'), true);
      assert.equal(await store.deleteSecret('mid'), false);
      assert.equal(await store.getSecret('mid'), undefined);
      assert.deepEqual(await store.listSecrets(), ['alpha', 'zeta']);
    }),
  );

  test(
    'config maps read back, are replaced by put, and are separate from secrets',
    withStore(makeStore, async (store) => {
      assert.equal(await store.getConfigMap('settings'), undefined);
      await store.putConfigMap('settings', { 'app.yaml': 'a: 1\nb: [x, y]\n', empty: '' });
      await store.putSecret('settings', { secret: 'yes' });
      assert.deepEqual(await store.getConfigMap('settings'), { 'app.yaml': 'a: 1\nb: [x, y]\n', empty: '' });
      await store.putConfigMap('settings', { only: 'this' });
      assert.deepEqual(await store.getConfigMap('settings'), { only: 'this' });
      assert.deepEqual(await store.getSecret('settings'), { secret: 'yes' });
    }),
  );
}
