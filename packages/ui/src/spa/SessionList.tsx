import { formatDate, useTranslation } from "@portico/i18n";
import { localeTag } from "../api-errors.js";
import { Button } from "../Button.js";
import { describeDevice } from "../user-agent.js";

/** A session as both SPAs list it (the API's SessionDto). */
export interface SessionListItem {
  id: string;
  current: boolean;
  ip: string | null;
  userAgent: string | null;
  lastActiveAt: string;
}

export interface SessionListProps {
  sessions: readonly SessionListItem[];
  /** Disables the buttons while a sign-out is under way. */
  busy: boolean;
  onRevoke: (sessionId: string) => void;
}

/** "Your sessions": device, IP and last activity per session; every one but this can be ended. */
export function SessionList({ sessions, busy, onRevoke }: SessionListProps) {
  const { t } = useTranslation();
  const locale = localeTag();
  return (
    <ul className="pt-records">
      {sessions.map((session) => {
        const parts = describeDevice(session.userAgent);
        const device = parts ? t("sessions.deviceOn", parts) : t("sessions.unknownDevice");
        const lastActive = formatDate(session.lastActiveAt, locale, {
          dateStyle: "medium",
          timeStyle: "short",
        });
        return (
          <li key={session.id} className="pt-record">
            {session.current && <span className="pt-badge">{t("sessions.current")}</span>}
            <dl>
              <dt>{t("sessions.device")}</dt>
              <dd>{device}</dd>
              <dt>{t("sessions.ip")}</dt>
              <dd>{session.ip ?? t("sessions.unknownIp")}</dd>
              <dt>{t("sessions.lastActive")}</dt>
              <dd>
                <time dateTime={session.lastActiveAt}>{lastActive}</time>
              </dd>
            </dl>
            {!session.current && (
              <div className="pt-actions">
                <Button
                  variant="secondary"
                  disabled={busy}
                  aria-label={t("sessions.revokeLabel", { device, time: lastActive })}
                  onClick={() => onRevoke(session.id)}
                >
                  {t("sessions.revoke")}
                </Button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
