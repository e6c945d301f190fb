import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { TestAdapter, UserState } from 'botbuilder';
import { BotStateStorage } from '../../src/storage/botStateStorage';
import { CONTAINERS } from '../../src/storage/containers';
import { createDocumentStore } from '../../src/storage/createStore';
import { StorePreconditionFailedError } from '../../src/storage/errors';
import { DEFAULT_SQLITE_FILE_NAME, SqliteDocumentStore } from '../../src/storage/sqliteStore';
import { describeDocumentStoreContract } from './documentStoreContract';

describe('SqliteDocumentStore', function () {
  const tempDirs: string[] = [];
  const newDataDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-sqlite-'));
    tempDirs.push(dir);
    return dir;
  };

  after(function () {
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  describeDocumentStoreContract('SQLite', async () => new SqliteDocumentStore({ dataDir: newDataDir() }));

  it('creates a missing data folder and its database file in WAL mode', async function () {
    const dataDir = path.join(newDataDir(), 'nested', 'data');
    const store = new SqliteDocumentStore({ dataDir });
    await store.close();
    const file = path.join(dataDir, DEFAULT_SQLITE_FILE_NAME);
    assert.equal(store.filePath, file);
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('keeps documents and bot state across a close and reopen of the same folder', async function () {
    const dataDir = newDataDir();
    const nameKey = 'preferredName';

    // First run: a document, and a user's name saved through botbuilder's UserState.
    const first = new SqliteDocumentStore({ dataDir });
    const written = await first.upsert(CONTAINERS.clients, 'client-1', 'profile', { programme: 'ipt-12', sessions: [1, 2] });
    const firstUserState = new UserState(new BotStateStorage(first));
    const remember = firstUserState.createProperty<string>(nameKey);
    await new TestAdapter(async (context) => {
      await remember.set(context, context.activity.text ?? '');
      await firstUserState.saveChanges(context);
      await context.sendActivity('saved');
    })
      .send('Robin')
      .assertReply('saved')
      .startTest();
    await first.close();

    // Second run, a new connection on the same folder.
    const second = new SqliteDocumentStore({ dataDir });
    try {
      const read = await second.read(CONTAINERS.clients, 'client-1', 'profile');
      assert.deepEqual(read, written);
      const secondUserState = new UserState(new BotStateStorage(second));
      const recall = secondUserState.createProperty<string>(nameKey);
      await new TestAdapter(async (context) => {
        await context.sendActivity(`Welcome back, ${(await recall.get(context)) ?? 'stranger'}`);
      })
        .send('hi')
        .assertReply('Welcome back, Robin')
        .startTest();
    } finally {
      await second.close();
    }
  });

  it('detects a stale write made through another connection to the same file', async function () {
    const dataDir = newDataDir();
    const a = new SqliteDocumentStore({ dataDir });
    const b = new SqliteDocumentStore({ dataDir });
    try {
      const created = await a.create(CONTAINERS.alerts, 'alert-1', 'alert-1', { status: 'open' });
      await b.upsert(CONTAINERS.alerts, 'alert-1', 'alert-1', { status: 'claimed' }, { ifMatch: created.etag });
      await assert.rejects(
        a.upsert(CONTAINERS.alerts, 'alert-1', 'alert-1', { status: 'dismissed' }, { ifMatch: created.etag }),
        StorePreconditionFailedError,
      );
      await assert.rejects(a.delete(CONTAINERS.alerts, 'alert-1', 'alert-1', { ifMatch: created.etag }), StorePreconditionFailedError);
      assert.deepEqual((await a.read(CONTAINERS.alerts, 'alert-1', 'alert-1'))?.body, { status: 'claimed' });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('stamps updated_at from the injected clock', async function () {
    const dataDir = newDataDir();
    const store = new SqliteDocumentStore({ dataDir, clock: { now: () => new Date('2030-01-02T03:04:05.000Z') } });
    await store.upsert(CONTAINERS.clients, 'c', 'doc', { v: 1 });
    await store.close();
    const db = new Database(store.filePath, { readonly: true });
    try {
      assert.equal(db.prepare('SELECT updated_at FROM documents').pluck().get(), '2030-01-02T03:04:05.000Z');
    } finally {
      db.close();
    }
  });

  it('refuses a database file written by a newer schema, saying what to do', function () {
    const dataDir = newDataDir();
    const db = new Database(path.join(dataDir, DEFAULT_SQLITE_FILE_NAME));
    db.pragma('user_version = 99');
    db.close();
    assert.throws(() => new SqliteDocumentStore({ dataDir }), /newer version of IPT Companion.*Upgrade the service or use another data folder/);
  });

  it('fails ping once closed', async function () {
    const store = new SqliteDocumentStore({ dataDir: newDataDir() });
    await store.ping();
    await store.close();
    await assert.rejects(store.ping());
  });

  it('is what createDocumentStore builds for kind "sqlite"', async function () {
    const dataDir = newDataDir();
    const store = await createDocumentStore({ kind: 'sqlite', dataDir });
    try {
      assert.ok(store instanceof SqliteDocumentStore);
      assert.equal(store.filePath, path.join(dataDir, DEFAULT_SQLITE_FILE_NAME));
    } finally {
      await store.close();
    }
  });
});
