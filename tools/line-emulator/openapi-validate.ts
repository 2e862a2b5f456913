/**
 * A small OpenAPI 3 schema validator: just the keywords LINE's specs use
 * (https://github.com/line/line-openapi), reporting issues in LINE's error-detail wording.
 */

/** The subset of an OpenAPI schema object this validator understands. */
export interface OpenApiSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  required?: string[];
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: boolean | OpenApiSchema;
  items?: OpenApiSchema;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  nullable?: boolean;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
}

/** An OpenAPI document; only `components.schemas` is read. */
export interface OpenApiDocument {
  components: { schemas: Record<string, OpenApiSchema> };
}

/** One problem, shaped like an entry of LINE's error `details`. */
export interface ValidationIssue {
  /** LINE-style path, e.g. `messages[0].text`; empty for the root. */
  property: string;
  message: string;
}

/**
 * Checks the spec cannot express, run whenever the named component schema is validated
 * (directly, via `$ref`, or as the `allOf` base of a subtype).
 */
export type ExtraChecks = Record<string, (value: Record<string, unknown>, path: string) => ValidationIssue[]>;

/** Options for {@link createValidator}. */
export interface ValidatorOptions {
  extraChecks?: ExtraChecks;
}

/** Validates a value against a component schema by name (`ReplyMessageRequest`) or `$ref`. */
export type Validator = (schema: string, value: unknown) => ValidationIssue[];

const REF_PREFIX = '#/components/schemas/';
const NO_SUPPRESSION: ReadonlySet<OpenApiSchema> = new Set();

/** Creates a validator bound to one OpenAPI document. */
export function createValidator(document: OpenApiDocument, options: ValidatorOptions = {}): Validator {
  const schemas = document.components.schemas;
  const extraChecks = options.extraChecks ?? {};

  const resolve = (ref: string): { name: string; schema: OpenApiSchema } => {
    const name = ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
    const schema = schemas[name];
    if (!schema) throw new Error(`Unknown schema reference: ${ref}`);
    return { name, schema };
  };

  // `suppressed` holds discriminated base schemas already dispatched for *this* value: a subtype
  // lists its base in `allOf`, and re-dispatching there would recurse forever.
  const check = (
    schema: OpenApiSchema,
    value: unknown,
    path: string,
    suppressed: ReadonlySet<OpenApiSchema>,
    name?: string,
  ): ValidationIssue[] => {
    if (schema.$ref) {
      const target = resolve(schema.$ref);
      return check(target.schema, value, path, suppressed, target.name);
    }
    if (value === null && schema.nullable) return [];

    if (schema.discriminator && isObject(value) && !suppressed.has(schema)) {
      const { propertyName, mapping = {} } = schema.discriminator;
      const tag = value[propertyName];
      if (tag !== undefined) {
        const ref = typeof tag === 'string' ? (mapping[tag] ?? implicitMapping(schemas, tag)) : undefined;
        if (!ref) {
          const allowed = Object.keys(mapping).join(', ');
          return [{ property: join(path, propertyName), message: `Must be one of the following values: [${allowed}]` }];
        }
        const target = resolve(ref);
        return check(target.schema, value, path, new Set([...suppressed, schema]), target.name);
      }
    }

    const typeIssue = checkType(schema, value, path);
    if (typeIssue) return [typeIssue];

    const issues: ValidationIssue[] = [];
    if (isObject(value)) issues.push(...checkObject(schema, value, path));
    if (Array.isArray(value)) issues.push(...checkArray(schema, value, path));
    issues.push(...checkScalar(schema, value, path));
    for (const part of schema.allOf ?? []) issues.push(...check(part, value, path, suppressed));
    if (schema.oneOf) issues.push(...checkOneOf(schema.oneOf, value, path, suppressed));
    if (name && extraChecks[name] && isObject(value)) issues.push(...extraChecks[name](value, path));
    return issues;
  };

  const checkObject = (schema: OpenApiSchema, value: Record<string, unknown>, path: string) => {
    const issues: ValidationIssue[] = [];
    for (const key of schema.required ?? []) {
      if (value[key] === undefined || value[key] === null) issues.push({ property: join(path, key), message: 'May not be empty' });
    }
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      const childSchema = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      // Nested values start with no suppression: a child Message must be dispatched afresh.
      if (childSchema) issues.push(...check(childSchema, child, join(path, key), NO_SUPPRESSION));
    }
    return issues;
  };

  const checkArray = (schema: OpenApiSchema, value: unknown[], path: string) => {
    const issues: ValidationIssue[] = [];
    const { minItems, maxItems } = schema;
    if ((minItems !== undefined && value.length < minItems) || (maxItems !== undefined && value.length > maxItems)) {
      issues.push({ property: path, message: `Size must be between ${minItems ?? 0} and ${maxItems ?? 2147483647}` });
    }
    if (schema.items) {
      value.forEach((item, i) => issues.push(...check(schema.items!, item, `${path}[${i}]`, NO_SUPPRESSION)));
    }
    return issues;
  };

  const checkOneOf = (options: OpenApiSchema[], value: unknown, path: string, suppressed: ReadonlySet<OpenApiSchema>) => {
    const results = options.map((option) => check(option, value, path, suppressed));
    const matches = results.filter((r) => r.length === 0).length;
    if (matches === 1) return [];
    if (matches === 0 && results.length === 1) return results[0];
    return [{ property: path, message: matches === 0 ? 'Does not match any allowed schema' : 'Matches more than one allowed schema' }];
  };

  return (schemaName, value) => dedupe(check({ $ref: schemaName }, value, '', NO_SUPPRESSION));
}

function checkType(schema: OpenApiSchema, value: unknown, path: string): ValidationIssue | undefined {
  const ok = (() => {
    switch (schema.type) {
      case undefined:
        return true;
      case 'object':
        return isObject(value);
      case 'array':
        return Array.isArray(value);
      case 'string':
        return typeof value === 'string';
      case 'integer':
        return Number.isInteger(value);
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
    }
  })();
  return ok ? undefined : { property: path, message: `Must be of type ${schema.type}` };
}

function checkScalar(schema: OpenApiSchema, value: unknown, path: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (schema.enum && !schema.enum.includes(value)) {
    issues.push({ property: path, message: `Must be one of the following values: [${schema.enum.join(', ')}]` });
  }
  if (typeof value === 'string') {
    // String#length counts UTF-16 code units, which is how LINE counts characters.
    const { minLength, maxLength } = schema;
    if ((minLength !== undefined && value.length < minLength) || (maxLength !== undefined && value.length > maxLength)) {
      issues.push({ property: path, message: lengthMessage(minLength ?? 0, maxLength) });
    }
    if (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) {
      issues.push({ property: path, message: `Must match the pattern ${schema.pattern}` });
    }
  }
  if (typeof value === 'number') {
    const { minimum, maximum } = schema;
    if ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum)) {
      issues.push({ property: path, message: `Must be between ${minimum ?? '-∞'} and ${maximum ?? '∞'}` });
    }
  }
  return issues;
}

/** LINE's wording for a string-length violation. */
export function lengthMessage(min: number, max: number | undefined): string {
  return max === undefined ? `Length must be at least ${min}` : `Length must be between ${min} and ${max}`;
}

function implicitMapping(schemas: Record<string, OpenApiSchema>, tag: string): string | undefined {
  // OpenAPI lets a discriminator value name a schema directly when the mapping omits it.
  return schemas[tag] ? `${REF_PREFIX}${tag}` : undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dedupe(issues: ValidationIssue[]): ValidationIssue[] {
  // A base schema can be reached twice for one value (its own `allOf` and a subtype's).
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.property}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
