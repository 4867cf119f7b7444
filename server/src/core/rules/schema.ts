// JSON schema of rule settings, generated from the registry's metadata: used for `.okr.json`
// (schemas/okr.schema.json) and for the `okr.rules` setting in package.json. Never edited by hand.
import { PROFILES } from '../config';
import type { RuleMeta } from './types';

const SEVERITY_ENUM = ['off', 'error', 'warning', 'information', 'hint'];

function optionSchema(name: string, value: unknown): Record<string, unknown> {
  if (typeof value === 'number')
    return { type: 'integer', minimum: 0, default: value, description: `\`${name}\` (default ${value})` };
  if (name === 'words')
    return {
      description: 'Words that trigger the rule: a list for every language, or lists by language (en, vi, zh).',
      anyOf: [
        { type: 'array', items: { type: 'string' } },
        {
          type: 'object',
          properties: Object.fromEntries(
            ['en', 'vi', 'zh'].map((l) => [l, { type: 'array', items: { type: 'string' } }]),
          ),
          additionalProperties: false,
        },
      ],
    };
  return {};
}

/** The schema of one rule's setting: `"off"`, a severity, or `{ severity, ...options }`. */
export function ruleSettingSchema(meta: RuleMeta): Record<string, unknown> {
  const options = Object.fromEntries(Object.entries(meta.options ?? {}).map(([k, v]) => [k, optionSchema(k, v)]));
  const description = `${meta.description} Default: ${meta.defaultSeverity}.`;
  return {
    description,
    markdownDescription: `${description} [Documentation](https://github.com/okr-markdown/okr-markdown/blob/main/${meta.docs})`,
    anyOf: [
      { type: 'string', enum: SEVERITY_ENUM },
      {
        type: 'object',
        properties: { severity: { type: 'string', enum: SEVERITY_ENUM }, ...options },
        additionalProperties: false,
      },
    ],
  };
}

export function rulesPropertiesSchema(metas: readonly RuleMeta[]): Record<string, unknown> {
  return Object.fromEntries(metas.map((m) => [m.id, ruleSettingSchema(m)]));
}

/** The whole `.okr.json` schema. */
export function okrConfigSchema(metas: readonly RuleMeta[]): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/okr-markdown/okr-markdown/blob/main/schemas/okr.schema.json',
    title: 'OKR Markdown configuration (.okr.json)',
    description:
      'Rule settings for the OKR files in this folder and below. The nearest .okr.json or .okr.yaml wins over folders above it and over the editor settings; front matter `rules:` wins over all.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      profile: {
        description: 'A built-in set of rule settings applied under the settings below: default, or google (re:Work).',
        type: 'string',
        enum: Object.keys(PROFILES),
      },
      rules: {
        description: 'Settings by rule id.',
        type: 'object',
        properties: rulesPropertiesSchema(metas),
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}
