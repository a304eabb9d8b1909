import type { SpecFile } from '../../catalogue/index.ts';
import { isObject, type JsonObject } from './spec-files.ts';

// Fields Palisade relies on that the official specs do not mark `required`. Jira's spec marks
// almost nothing required (its `User` has no required field, not even `accountId`), so a check
// against the spec alone would let the very drift that breaks a sync through. Each field listed
// here is one Atlassian always sends in the responses Palisade reads (identities, names, the
// paging fields the paginators follow); the generator adds it to the component's `required`
// and fails if the component or property does not exist, so a spec update cannot silently
// orphan an entry. A dotted name (`principal.type`) reaches into an inline object.

export const RELIED_ON_COMPONENTS: Partial<Record<SpecFile, Record<string, readonly string[]>>> = {
  'jira-platform-rest-v3': {
    User: ['accountId', 'accountType'],
    UserBean: ['accountId'],
    UserDetails: ['accountId'],
    Project: ['id', 'key', 'name'],
    ProjectRole: ['id', 'name'],
    RoleActor: ['type'],
    ApplicationRole: ['key', 'name'],
    GroupDetails: ['groupId', 'name'],
    Permissions: ['permissions'],
    UserPermission: ['key'],
    PermissionSchemes: ['permissionSchemes'],
    PermissionScheme: ['id'],
    PermissionGrant: ['holder', 'permission'],
    AuditRecords: ['records'],
    AuditRecordBean: ['id', 'created'],
    ApplicationProperty: ['id'],
    FilterDetails: ['id'],
    Dashboard: ['id', 'name'],
    SecuritySchemes: ['issueSecuritySchemes'],
    SecurityScheme: ['id', 'name'],
    ServerInformation: ['baseUrl'],
    PageBeanProject: ['values', 'isLast'],
    PageBeanGroupDetails: ['values', 'isLast'],
    PageBeanUserDetails: ['values', 'isLast'],
    PageBeanFilterDetails: ['values', 'isLast'],
    PageBeanDashboard: ['values', 'isLast'],
    PageBeanField: ['values', 'isLast'],
  },
  'confluence-rest-v2': {
    SpaceBulk: ['id', 'key', 'name'],
    SpacePermissionAssignment: ['principal', 'operation', 'principal.type', 'operation.key'],
  },
  'confluence-rest-v1': {
    Group: ['id'],
  },
};

/** Inline response roots (no component to name): the fields of the body itself. */
export const RELIED_ON_ROOTS: Record<string, readonly string[]> = {
  'confluence.spaces': ['results'],
  'confluence.spacePermissions': ['results'],
};

/** The object schema holding `path`'s last segment, following inline objects (never `$ref`s). */
function holder(schema: JsonObject, path: string[], where: string): JsonObject {
  let node = schema;
  for (const segment of path) {
    const props = isObject(node.properties) ? node.properties : undefined;
    const next = props?.[segment];
    if (!isObject(next) || !isObject(next.properties)) {
      throw new Error(`${where}: "${segment}" is not an inline object property, cannot require inside it`);
    }
    node = next;
  }
  return node;
}

/** Adds the relied-on fields to a normalised schema's `required` (in place; returns it). */
export function requireReliedOn(schema: JsonObject, fields: readonly string[], where: string): JsonObject {
  for (const field of fields) {
    const path = field.split('.');
    const name = path.pop() as string;
    const node = holder(schema, path, where);
    if (!isObject(node.properties) || !(name in node.properties)) {
      throw new Error(`${where}: relied-on field "${field}" is not a property the spec declares`);
    }
    const required = Array.isArray(node.required) ? (node.required as string[]) : [];
    if (!required.includes(name)) node.required = [...required, name];
  }
  return schema;
}
