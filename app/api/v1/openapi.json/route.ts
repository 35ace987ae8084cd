// GET /api/v1/openapi.json: the OpenAPI 3.1 document, public on purpose — it describes the API's
// shape (already in the open-source code), holds no data or secrets, and code generators and
// API clients fetch it before they have a token.
import { openApiDocument } from '@/server/openapi/document';

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { 'cache-control': 'public, max-age=300' } });
}
