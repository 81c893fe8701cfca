import { AppError, Problem } from '../../../errors/app-error';
import type { HttpRoutes } from '../http-routes';
import { schemaProblems } from './schema-problems';

const ROUTE_KEY = /^(GET|POST|PUT|PATCH|DELETE) \/\S*$/;
/** camelCase, verb first by convention: clients generate method names from it. */
const OPERATION_ID = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Checks every contribution's api description as a whole, before the OpenAPI document is built:
 * a missing, badly shaped or duplicate operationId, a body or response schema without its
 * example, or an example its schema refuses stops start-up with one error listing every
 * problem, so a route added without them fails the first test that starts the service.
 *
 * @example
 * checkApiDescriptions([...routes, self]); // throws AppError 'invalid' with one problem per line
 */
export function checkApiDescriptions(contributions: readonly HttpRoutes[]): void {
  const problems: Problem[] = [];
  const firstUse = new Map<string, string>();
  for (const contribution of contributions) {
    for (const [key, op] of Object.entries(contribution.api ?? {})) {
      const at = `${contribution.name}: ${key}`;
      if (!ROUTE_KEY.test(key)) problems.push({ at, message: 'the key must be "METHOD /path", as the route is registered' });
      if (typeof op.operationId !== 'string' || !OPERATION_ID.test(op.operationId)) {
        problems.push({ at, message: `operationId must be camelCase letters and digits (e.g. listInvoices), got ${JSON.stringify(op.operationId)}` });
      } else if (firstUse.has(op.operationId)) {
        problems.push({ at, message: `operationId "${op.operationId}" is already used by ${firstUse.get(op.operationId)}` });
      } else {
        firstUse.set(op.operationId, at);
      }
      if (op.body && op.bodyExample === undefined) problems.push({ at, message: 'a body needs a bodyExample' });
      if (!op.body && op.bodyExample !== undefined) problems.push({ at, message: 'a bodyExample without a body schema' });
      if (op.body && op.bodyExample !== undefined) problems.push(...schemaProblems(op.body, op.bodyExample, `${at} bodyExample`));
      if (op.response.schema && op.response.example === undefined) problems.push({ at, message: 'a response schema needs an example' });
      if (!op.response.schema && op.response.example !== undefined) problems.push({ at, message: 'a response example without a schema' });
      if (op.response.schema && op.response.example !== undefined)
        problems.push(...schemaProblems(op.response.schema, op.response.example, `${at} response.example`));
    }
  }
  for (const contribution of contributions) {
    for (const [type, event] of Object.entries(contribution.webhooks ?? {})) {
      const at = `${contribution.name}: webhook ${type}`;
      if (!OPERATION_ID.test(event.operationId))
        problems.push({ at, message: `operationId must be camelCase letters and digits, got ${JSON.stringify(event.operationId)}` });
      else if (firstUse.has(event.operationId))
        problems.push({ at, message: `operationId "${event.operationId}" is already used by ${firstUse.get(event.operationId)}` });
      else firstUse.set(event.operationId, at);
      problems.push(...schemaProblems(event.body, event.bodyExample, `${at} bodyExample`));
    }
  }
  if (problems.length > 0) throw AppError.invalid('The API descriptions are incomplete (see core/runtime/http/openapi/api-description.ts).', problems);
}
