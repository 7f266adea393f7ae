export { hashPassword, verifyPassword, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from "./password.js";
export { hashSecret, secretMatches } from "./secret-hash.js";
