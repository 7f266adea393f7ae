import corePackage from "../../package.json" with { type: "json" };

/** Portico's version: all workspace packages are released together under one number. */
export const PORTICO_VERSION: string = corePackage.version;
