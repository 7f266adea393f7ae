import type { Catalog } from "../en/index.js";

export const sessions: Catalog["sessions"] = {
  current: "Cet appareil",
  device: "Appareil",
  ip: "Adresse IP",
  lastActive: "Dernière activité",
  deviceOn: "{{browser}} sur {{os}}",
  unknownDevice: "Appareil inconnu",
  unknownIp: "Inconnue",
  revoke: "Déconnecter",
  revokeLabel: "Déconnecter {{device}}, dernière activité {{time}}",
};
