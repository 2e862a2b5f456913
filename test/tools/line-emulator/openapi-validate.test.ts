import { describe, expect, it } from 'vitest';
import { createValidator, type OpenApiDocument } from '../../../tools/line-emulator/openapi-validate';

const doc: OpenApiDocument = {
  components: {
    schemas: {
      Request: {
        type: 'object',
        required: ['items'],
        properties: {
          items: { type: 'array', minItems: 1, maxItems: 2, items: { $ref: '#/components/schemas/Shape' } },
          label: { type: 'string', maxLength: 3 },
          mode: { type: 'string', enum: ['a', 'b'] },
          count: { type: 'integer', minimum: 1, maximum: 9 },
          either: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        },
      },
      Shape: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { type: 'string' }, tag: { type: 'string', minLength: 1 } },
        discriminator: { propertyName: 'kind', mapping: { circle: '#/components/schemas/Circle', group: '#/components/schemas/Group' } },
      },
      Circle: {
        type: 'object',
        required: ['radius'],
        allOf: [{ $ref: '#/components/schemas/Shape' }, { type: 'object', properties: { radius: { type: 'number' } } }],
      },
      Group: {
        allOf: [
          { $ref: '#/components/schemas/Shape' },
          { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Shape' } } } },
        ],
      },
    },
  },
};

const validate = createValidator(doc, {
  extraChecks: { Circle: (value, path) => ((value.radius as number) > 100 ? [{ property: `${path}.radius`, message: 'Too big' }] : []) },
});

describe('openapi-validate', () => {
  it('accepts a valid value through $ref, discriminator and allOf', () => {
    expect(validate('Request', { items: [{ kind: 'circle', radius: 2 }, { kind: 'group', children: [{ kind: 'circle', radius: 1 }] }] })).toEqual([]);
  });

  it('reports a missing required property with its path', () => {
    expect(validate('Request', {})).toEqual([{ property: 'items', message: 'May not be empty' }]);
    expect(validate('Request', { items: [{ kind: 'circle' }] })).toEqual([{ property: 'items[0].radius', message: 'May not be empty' }]);
  });

  it('rejects an unknown discriminator value listing the allowed ones', () => {
    expect(validate('Request', { items: [{ kind: 'square' }] })).toEqual([
      { property: 'items[0].kind', message: 'Must be one of the following values: [circle, group]' },
    ]);
  });

  it('dispatches discriminators again inside nested values', () => {
    expect(validate('Request', { items: [{ kind: 'group', children: [{ kind: 'circle', radius: 'x' }, { kind: 'blob' }] }] })).toEqual([
      { property: 'items[0].children[0].radius', message: 'Must be of type number' },
      { property: 'items[0].children[1].kind', message: 'Must be one of the following values: [circle, group]' },
    ]);
  });

  it('validates the base schema properties of a subtype', () => {
    expect(validate('Request', { items: [{ kind: 'circle', radius: 1, tag: '' }] })).toEqual([
      { property: 'items[0].tag', message: 'Length must be at least 1' },
    ]);
  });

  it('checks array sizes, enums, numbers and string lengths in UTF-16 units', () => {
    const issues = validate('Request', { items: [{ kind: 'circle', radius: 1 }, { kind: 'circle', radius: 1 }, { kind: 'circle', radius: 1 }], label: '😀😀', mode: 'c', count: 10 });
    expect(issues).toEqual([
      { property: 'items', message: 'Size must be between 1 and 2' },
      { property: 'label', message: 'Length must be between 0 and 3' },
      { property: 'mode', message: 'Must be one of the following values: [a, b]' },
      { property: 'count', message: 'Must be between 1 and 9' },
    ]);
  });

  it('supports oneOf', () => {
    expect(validate('Request', { items: [{ kind: 'circle', radius: 1 }], either: 3 })).toEqual([]);
    expect(validate('Request', { items: [{ kind: 'circle', radius: 1 }], either: true })).toEqual([
      { property: 'either', message: 'Does not match any allowed schema' },
    ]);
  });

  it('runs extra checks for the named schema', () => {
    expect(validate('Request', { items: [{ kind: 'circle', radius: 101 }] })).toEqual([{ property: 'items[0].radius', message: 'Too big' }]);
  });

  it('reports a wrong root type', () => {
    expect(validate('Request', [])).toEqual([{ property: '', message: 'Must be of type object' }]);
  });
});
