import type { Catalog } from "../en/index.js";

export const throttle: Catalog["throttle"] = {
  tooManyAttempts: "Trop de tentatives. Réessayez à {{time}}.",
  tooManyAttemptsLater: "Trop de tentatives. Patientez quelques minutes, puis réessayez.",
};
