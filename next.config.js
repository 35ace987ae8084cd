// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // A self-contained server in .next/standalone (server.js + the traced node_modules) for the
  // container image's web stage (Dockerfile, docs/deploy.md).
  output: 'standalone',
};
export default nextConfig;
