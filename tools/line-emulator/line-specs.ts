/**
 * The vendored LINE OpenAPI specs (./openapi, from https://github.com/line/line-openapi)
 * and validators bound to them.
 */
import { readFileSync } from 'node:fs';
import { LINE_EXTRA_CHECKS } from './line-limits';
import { createValidator, type OpenApiDocument, type Validator } from './openapi-validate';

function loadSpec(file: string): OpenApiDocument {
  return JSON.parse(readFileSync(new URL(`./openapi/${file}`, import.meta.url), 'utf8')) as OpenApiDocument;
}

/** messaging-api.json: request bodies the bot sends to LINE. */
export const MESSAGING_API_SPEC = loadSpec('messaging-api.json');

/** webhook.json: the webhook bodies LINE sends to the bot. */
export const WEBHOOK_SPEC = loadSpec('webhook.json');

/** Validates Messaging API request bodies, including the limits the spec does not encode. */
export const validateMessagingApi: Validator = createValidator(MESSAGING_API_SPEC, { extraChecks: LINE_EXTRA_CHECKS });

/** Validates webhook bodies (e.g. `CallbackRequest`) against webhook.json. */
export const validateWebhook: Validator = createValidator(WEBHOOK_SPEC);
