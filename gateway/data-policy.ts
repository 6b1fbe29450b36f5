import {
  Kind,
  parse,
  type DirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';
import { PERSONALIZATION_PURPOSES, isPurposeId, type PurposeId } from '../subgraphs/shared/purposes.js';

/**
 * The consent data policy `npm run compose` enforces before composing (docs/partners.md). Fields
 * that expose personal data carry a purpose tag, `@tag(name: "purpose:<purpose>")`; a partner may
 * only receive personal data for the purposes it is registered with.
 */
export const PolicyRule = {
  UNKNOWN_PURPOSE: 'known-purpose',
  TAGGED_FIELD_REQUIRES_CONSENT: 'tagged-field-requires-consent',
  PURPOSE_ALLOWED: 'purpose-allowed',
  INTERNAL_FIELDS: 'no-internal-fields',
  PARTNER_ISOLATION: 'partner-isolation',
  EXPORT_ERASURE_HOOKS: 'export-and-erasure-hooks',
  CUSTOMER_FIELDS_TAGGED: 'customer-fields-tagged',
} as const;
export type PolicyRuleId = (typeof PolicyRule)[keyof typeof PolicyRule];

export interface PolicyViolation {
  subgraph: string;
  /** `Type.field`, or `Query`/`Mutation` for a missing root field. */
  field: string;
  rule: PolicyRuleId;
  message: string;
}

export interface PolicySubgraph {
  name: string;
  typeDefs: DocumentNode;
  /** Absent for first-party subgraphs, which may receive every purpose's data. */
  partner?: { allowedPurposes: readonly PurposeId[] };
}

export const PURPOSE_TAG_PREFIX = 'purpose:';
/** Personal fields that are not tagged because clients never see them (they exist for `@requires`). */
const BUILT_IN_PERSONAL_FIELDS: Record<string, readonly PurposeId[]> = { 'Customer.storedSignals': PERSONALIZATION_PURPOSES };
/** What every gate reads: any subgraph may require it. */
const CONSENT_FIELD = 'grantedPurposes';
const EXPORT_HOOK = 'exportCustomerData';
const ERASURE_HOOK = 'eraseCustomerData';

interface FieldInfo {
  subgraph: string;
  type: string;
  field: FieldDefinitionNode;
  external: boolean;
  /** The type's `@key` fields (a partner's `Customer.id` needs no tag). */
  keys: string[];
}

/** Every violation of the data policy, in subgraph order; empty when the graph may be composed. */
export function checkDataPolicy(subgraphs: readonly PolicySubgraph[]): PolicyViolation[] {
  const fields = subgraphs.flatMap((s) => fieldsOf(s));
  const owners = new Map<string, FieldInfo[]>();
  for (const f of fields.filter((f) => !f.external)) {
    const name = `${f.type}.${f.field.name.value}`;
    owners.set(name, [...(owners.get(name) ?? []), f]);
  }
  const personal = personalFields(fields);
  const partners = new Set(subgraphs.filter((s) => s.partner).map((s) => s.name));
  const violations: PolicyViolation[] = [];

  for (const subgraph of subgraphs) {
    const refuse = (field: string, rule: PolicyRuleId, why: string) =>
      violations.push({ subgraph: subgraph.name, field, rule, message: `subgraph "${subgraph.name}", field ${field}: ${why} [rule: ${rule}]` });
    const allowed = subgraph.partner?.allowedPurposes;
    const own = fields.filter((f) => f.subgraph === subgraph.name);

    for (const f of own) {
      const name = `${f.type}.${f.field.name.value}`;
      const tags = purposeTags(f.field);
      for (const purpose of tags) {
        if (!isPurposeId(purpose) || purpose === 'essential') {
          refuse(name, PolicyRule.UNKNOWN_PURPOSE, `"${PURPOSE_TAG_PREFIX}${purpose}" names no purpose that personal data may be used for`);
        } else if (allowed && !allowed.includes(purpose)) {
          refuse(name, PolicyRule.PURPOSE_ALLOWED, `it is tagged with purpose "${purpose}", which this partner is not registered for`);
        }
      }
      if (tags.length > 0 && !f.external && !requiredFields(f.field).includes(CONSENT_FIELD)) {
        refuse(
          name,
          PolicyRule.TAGGED_FIELD_REQUIRES_CONSENT,
          `it is purpose-tagged but does not @requires(fields: "${CONSENT_FIELD}") to pass the consent gate`,
        );
      }
      if (subgraph.partner && f.type === 'Customer' && !f.external && tags.length === 0 && !isKeyField(f)) {
        refuse(
          name,
          PolicyRule.CUSTOMER_FIELDS_TAGGED,
          `a partner's field on Customer must carry @tag(name: "${PURPOSE_TAG_PREFIX}<purpose>") naming what it is for`,
        );
      }
      for (const { target, how } of receivedFields(f)) {
        const purposes = personal.get(target);
        const owner = (owners.get(target) ?? []).filter((o) => o.subgraph !== subgraph.name);
        const otherPartner = owner.find((o) => partners.has(o.subgraph));
        if (subgraph.partner && otherPartner) {
          refuse(
            name,
            PolicyRule.PARTNER_ISOLATION,
            `it ${how} ${target}, a field of partner "${otherPartner.subgraph}"; a partner never receives another partner's fields`,
          );
        } else if (purposes && allowed) {
          const missing = purposes.filter((p) => !allowed.includes(p));
          if (missing.length > 0)
            refuse(
              name,
              PolicyRule.PURPOSE_ALLOWED,
              `it ${how} ${target}, personal data for ${quoted(missing)}, which this partner is not registered for`,
            );
        } else if (subgraph.partner && target.split('.')[1] !== CONSENT_FIELD && owner.some((o) => isInaccessible(o.field))) {
          refuse(
            name,
            PolicyRule.INTERNAL_FIELDS,
            `it ${how} ${target}, an internal field of "${owner[0].subgraph}"; partners receive no internal fields`,
          );
        }
      }
    }

    if (subgraph.partner && own.some((f) => !f.external && purposeTags(f.field).length > 0)) {
      const roots = new Set(own.filter((f) => f.type === 'Query' || f.type === 'Mutation').map((f) => `${f.type}.${f.field.name.value}`));
      for (const hook of [`Query.${EXPORT_HOOK}`, `Mutation.${ERASURE_HOOK}`]) {
        if (!roots.has(hook)) {
          refuse(
            hook,
            PolicyRule.EXPORT_ERASURE_HOOKS,
            'the partner stores personal data (it has purpose-tagged fields) but does not serve the export and erasure hooks (CustomerDataResolver)',
          );
        }
      }
    }
  }
  return violations;
}

function fieldsOf(subgraph: PolicySubgraph): FieldInfo[] {
  const types = subgraph.typeDefs.definitions.filter(
    (d): d is ObjectTypeDefinitionNode | ObjectTypeExtensionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION,
  );
  return types.flatMap((t) =>
    (t.fields ?? []).map((field) => ({
      subgraph: subgraph.name,
      type: t.name.value,
      field,
      external: hasDirective(field, 'external') || hasDirective(t, 'external'),
      keys: keyFields(t),
    })),
  );
}

/** Tagged fields (their purposes), and the built-in personal fields. */
function personalFields(fields: FieldInfo[]): Map<string, readonly PurposeId[]> {
  const personal = new Map<string, readonly PurposeId[]>(Object.entries(BUILT_IN_PERSONAL_FIELDS));
  for (const f of fields) {
    const purposes = purposeTags(f.field).filter(isPurposeId);
    if (purposes.length > 0 && !f.external) personal.set(`${f.type}.${f.field.name.value}`, purposes);
  }
  return personal;
}

/** What a field's `@requires` (on its own type) and `@provides` (on its return type) hand this subgraph. */
function receivedFields(f: FieldInfo): { target: string; how: string }[] {
  const required = requiredFields(f.field).map((name) => ({ target: `${f.type}.${name}`, how: '@requires' }));
  const returned = namedType(f.field.type);
  const provided = topLevelFields(directiveFields(f.field, 'provides')).map((name) => ({ target: `${returned}.${name}`, how: '@provides' }));
  return [...required, ...provided];
}

function requiredFields(field: FieldDefinitionNode): string[] {
  return topLevelFields(directiveFields(field, 'requires'));
}

function directiveFields(node: { directives?: readonly DirectiveNode[] }, name: string): string | null {
  const directive = node.directives?.find((d) => d.name.value === name);
  const argument = directive?.arguments?.find((a) => a.name.value === 'fields');
  return argument?.value.kind === Kind.STRING ? argument.value.value : null;
}

/** The top-level field names of a field set like `grantedPurposes storedSignals { kind }`. */
function topLevelFields(fieldSet: string | null): string[] {
  if (!fieldSet) return [];
  const operation = parse(`{ ${fieldSet} }`).definitions[0];
  if (operation.kind !== Kind.OPERATION_DEFINITION) return [];
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

function purposeTags(field: FieldDefinitionNode): string[] {
  return (field.directives ?? [])
    .filter((d) => d.name.value === 'tag')
    .map((d) => d.arguments?.find((a) => a.name.value === 'name')?.value)
    .flatMap((v) => (v?.kind === Kind.STRING && v.value.startsWith(PURPOSE_TAG_PREFIX) ? [v.value.slice(PURPOSE_TAG_PREFIX.length)] : []));
}

function keyFields(t: ObjectTypeDefinitionNode | ObjectTypeExtensionNode): string[] {
  return (t.directives ?? []).filter((d) => d.name.value === 'key').flatMap((d) => topLevelFields(directiveFields({ directives: [d] }, 'key')));
}

function isKeyField(f: FieldInfo): boolean {
  return f.keys.includes(f.field.name.value);
}

function isInaccessible(field: FieldDefinitionNode): boolean {
  return hasDirective(field, 'inaccessible');
}

function hasDirective(node: { directives?: readonly DirectiveNode[] }, name: string): boolean {
  return (node.directives ?? []).some((d) => d.name.value === name);
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function quoted(purposes: readonly string[]): string {
  return purposes.map((p) => `"${p}"`).join(', ');
}
