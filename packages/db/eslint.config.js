import base, { restrictImports } from "@portico/eslint-config/base";

export default [
  ...base,
  restrictImports(["@portico/core", "@portico/auth", "@portico/api", "@trpc/server", "@trpc/client"]),
  { files: ["src/migrations/**"], rules: { "@typescript-eslint/consistent-type-imports": "off" } },
];
