import type { SpecFile } from '../../catalogue/index.ts';
import { RELIED_ON_KEYWORD } from '../tolerant-schemas.ts';
import { isObject, type JsonObject } from './spec-files.ts';

// The fields Palisade relies on, per spec component: what a collector cannot do without (an
// identity, a name a record must have, the list a page holds). At run time only these are
// required (tolerant-schemas.ts): an item missing one is left out and counted, everything else
// may be absent, null or new. Each field listed is one Atlassian always sends in the responses
// Palisade reads, whether or not the spec marks it `required` (Jira's spec marks almost nothing,
// not even `User.accountId`). The generator adds each to its component's `required` (for the
// types) and `x-relied-on` (for the run-time check), and fails if the component or property does
// not exist, so a spec update cannot silently orphan an entry. A dotted name (`principal.type`)
// reaches into an inline object.

export const RELIED_ON_COMPONENTS: Partial<Record<SpecFile, Record<string, readonly string[]>>> = {
  'admin-organizations-v1': {
    Org: ['data'],
    OrgPage: ['data'],
    OrgModel: ['id', 'attributes', 'attributes.name'],
    DomainPage: ['data'],
    DomainModel: ['id', 'attributes', 'attributes.name'],
    EventPage: ['data'],
    EventModel: ['id', 'attributes', 'attributes.time', 'attributes.action'],
    PolicyPage: ['data'],
    PolicyModel: ['id', 'attributes', 'attributes.type'],
  },
  'admin-user-management': {
    ApiTokenResponse: ['id'],
  },
  'jira-platform-rest-v3': {
    User: ['accountId', 'accountType'],
    UserBean: ['accountId'],
    UserDetails: ['accountId'],
    Project: ['id', 'key', 'name'],
    ProjectRole: ['id', 'name'],
    RoleActor: ['type'],
    ApplicationRole: ['key', 'name'],
    GroupName: ['name'],
    GroupDetails: ['groupId', 'name'],
    License: ['applications'],
    LicensedApplication: ['id', 'plan'],
    Permissions: ['permissions'],
    UserPermission: ['key'],
    PermissionSchemes: ['permissionSchemes'],
    PermissionScheme: ['id', 'name'],
    PermissionGrant: ['id', 'holder', 'permission'],
    PermissionHolder: ['type'],
    AuditRecords: ['records'],
    AuditRecordBean: ['id', 'created'],
    ApplicationProperty: ['id'],
    FilterDetails: ['id', 'name'],
    Dashboard: ['id', 'name'],
    SecuritySchemes: ['issueSecuritySchemes'],
    SecurityScheme: ['id', 'name'],
    SecurityLevel: ['id', 'name'],
    Field: ['id', 'name'],
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
  // Bitbucket's components are `allOf: [object, {properties}]`: the field is required in the
  // member that declares it. Deploy keys carry an `id` the spec does not declare (the collector
  // checks it), so nothing is required of them.
  'bitbucket-cloud': {
    workspace: ['uuid', 'slug'],
    account: ['uuid'],
    workspace_membership: ['user'],
    project: ['uuid', 'key'],
    repository: ['uuid', 'full_name'],
    branchrestriction: ['kind'],
    webhook_subscription: ['uuid', 'url'],
    pipeline_variable: ['uuid', 'key'],
    deployment_variable: ['uuid', 'key'],
    deployment_environment: ['uuid'],
    branching_model: ['development'],
    paginated_workspace_memberships: ['values'],
    paginated_projects: ['values'],
    paginated_repositories: ['values'],
    paginated_branchrestrictions: ['values'],
    paginated_deploy_keys: ['values'],
    paginated_project_deploy_keys: ['values'],
    paginated_webhook_subscriptions: ['values'],
    paginated_pipeline_variables: ['values'],
    paginated_environments: ['values'],
    paginated_deployment_variable: ['values'],
  },
  'confluence-rest-v1': {
    SpaceArray: ['results'],
    Space: ['id', 'key', 'name'],
    GroupArrayWithLinks: ['results'],
    Group: ['id', 'name'],
    AuditRecordArray: ['results'],
    AuditRecord: ['creationDate'],
    User: ['accountId'],
  },
};

/** Inline response roots (no component to name): the fields of the body itself. */
export const RELIED_ON_ROOTS: Record<string, readonly string[]> = {
  'confluence.spaces.list': ['results'],
  'confluence.spacePermissions.list': ['results'],
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

const declares = (node: JsonObject, name: string): boolean =>
  isObject(node.properties) && name in node.properties;

/**
 * The object schema declaring `name`: the node itself, or the inline `allOf` member that does
 * (Bitbucket's components extend a base `object` that way).
 */
function declaring(node: JsonObject, name: string): JsonObject {
  if (declares(node, name) || !Array.isArray(node.allOf)) return node;
  return node.allOf.find((m): m is JsonObject => isObject(m) && declares(m, name)) ?? node;
}

/** Adds the relied-on fields to a normalised schema's `required` (in place; returns it). */
export function requireReliedOn(schema: JsonObject, fields: readonly string[], where: string): JsonObject {
  for (const field of fields) {
    const path = field.split('.');
    const name = path.pop() as string;
    const node = declaring(holder(schema, path, where), name);
    if (!isObject(node.properties) || !(name in node.properties)) {
      throw new Error(`${where}: relied-on field "${field}" is not a property the spec declares`);
    }
    const required = Array.isArray(node.required) ? (node.required as string[]) : [];
    if (!required.includes(name)) node.required = [...required, name];
    const relied = Array.isArray(node[RELIED_ON_KEYWORD]) ? (node[RELIED_ON_KEYWORD] as string[]) : [];
    if (!relied.includes(name)) node[RELIED_ON_KEYWORD] = [...relied, name];
  }
  return schema;
}
