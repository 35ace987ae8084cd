// The reference page's data: built from the OpenAPI document in app/(app)/api-docs/view.ts.
export interface ApiReferenceOperation {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  description: string | null;
  /** "flows:write · editor, admin" or "No sign-in needed". */
  access: string;
  parameters: { name: string; in: string; required: boolean; type: string }[];
  /** JSON Schema text of the request body. */
  body: string | null;
  responses: { status: string; description: string; schema: string | null }[];
  curl: string;
}

export interface ApiReferenceArea {
  tag: string;
  description: string;
  operations: ApiReferenceOperation[];
}
