import { applyD1Migrations, env } from 'cloudflare:test';
import { prepareAll, seedKnowledgeQueries } from '../../src/db/knowledge';
import { makeKnowledge } from '../../src/faq/knowledge';
import { Contacts, FaqEntry, OutOfScope } from '../../src/faq/schema';
import contacts from '../../knowledge/contacts.json';

// The knowledge the tests answer from: the real `knowledge/` files, loaded as `npm run db:setup` does.
const entryModules = import.meta.glob<{ default: unknown }>('../../knowledge/entries/*.json', { eager: true });
const outOfScope = Object.values(import.meta.glob<{ default: unknown }>('../../knowledge/out-of-scope.json', { eager: true }))[0];

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
const knowledge = makeKnowledge(
  Object.values(entryModules).map((module) => FaqEntry.parse(module.default)),
  Contacts.parse(contacts),
  undefined,
  outOfScope ? OutOfScope.parse(outOfScope.default) : undefined,
);
await env.DB.batch(prepareAll(env.DB, seedKnowledgeQueries(knowledge)));
