// Recreates the end-to-end database so every run starts from migrations and seeds alone.
import { Client } from 'pg';

const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/modelkeep_e2e');
const name = url.pathname.slice(1);
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`refusing to reset database '${name}'`);
const admin = new URL(url);
admin.pathname = '/postgres';

const client = new Client({ connectionString: admin.toString() });
await client.connect();
await client.query(`drop database if exists ${name} with (force)`);
await client.query(`create database ${name}`);
await client.end();
console.log(`[e2e] database ${name} recreated`);
