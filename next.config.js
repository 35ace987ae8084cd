// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A self-contained server in .next/standalone (server.js + the traced node_modules) for the
  // container image's web stage (Dockerfile, docs/deploy.md).
  output: 'standalone',
  // Server actions (the designer's save, forms) take at most what the REST API takes
  // (RIPOSTE_MAX_BODY_BYTES, 1 MB by default): a bigger body is refused before it is parsed.
  experimental: { serverActions: { bodySizeLimit: '1mb' } },
};
export default nextConfig;
