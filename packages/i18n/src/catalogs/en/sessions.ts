/** A list of signed-in sessions, as both apps show it (packages/ui SessionList). */
export const sessions = {
  current: "This device",
  device: "Device",
  ip: "IP address",
  lastActive: "Last active",
  deviceOn: "{{browser}} on {{os}}",
  unknownDevice: "Unknown device",
  unknownIp: "Unknown",
  revoke: "Sign out",
  revokeLabel: "Sign out {{device}}, last active {{time}}",
} as const;
