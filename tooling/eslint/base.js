import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Layering rule of CONVENTIONS.md: dependencies point apps → api → core → db.
 * Each package passes the imports it must never make.
 * @param {string[]} forbidden package names this workspace must not import
 */
export function restrictImports(forbidden) {
  return {
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: forbidden.map((group) => ({
            group: [group, `${group}/*`],
            message: "Breaks the package layering (CONVENTIONS.md rule 2).",
          })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/.turbo/**", "**/.data/**", "**/*.config.*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
      // Environment is read once, through env.ts, parsed by zod.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through env.ts." },
      ],
    },
  },
  {
    files: [
      "**/env.ts",
      "**/*.test.ts",
      "**/test/**",
      "**/testing/**",
      "**/e2e/**",
      "**/scripts/**",
      "**/vitest.*",
    ],
    rules: { "no-restricted-properties": "off", "no-console": "off" },
  },
);
