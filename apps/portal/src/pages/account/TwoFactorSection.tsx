import { formatDate, useTranslation } from "@portico/i18n";
import { Button, Notice, Skeleton, localeTag } from "@portico/ui";
import { PageLoadError } from "@portico/ui/spa";
import { type ReactNode, useState } from "react";
import { useAuthErrorText } from "../../auth-errors.js";
import { trpc } from "../../trpc.js";
import { DisableMfaForm } from "./DisableMfaForm.js";
import { MfaEnrollment } from "./MfaEnrollment.js";
import { RecoveryCodes } from "./RecoveryCodes.js";
import { RegenerateCodesForm } from "./RegenerateCodesForm.js";

type Panel = "enrol" | "regenerate" | "disable" | null;

/** Two-factor authentication: off → set up; on → new recovery codes or turn off. */
export function TwoFactorSection() {
  const { t } = useTranslation();
  const errorText = useAuthErrorText();
  const utils = trpc.useUtils();
  const status = trpc.auth.portal.mfa.status.useQuery();
  const [panel, setPanel] = useState<Panel>(null);
  // Recovery codes are shown once, right after they are made, until the user moves on.
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = () => utils.auth.portal.mfa.status.invalidate();
  const begin = trpc.auth.portal.mfa.beginEnrollment.useMutation({ onSuccess: () => setPanel("enrol") });
  const open = (next: Panel) => {
    setNotice(null);
    setPanel(next);
  };
  const showCodes = (fresh: string[]) => {
    setPanel(null);
    setCodes(fresh);
    void refresh();
  };

  let body: ReactNode;
  if (codes) {
    body = (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          setNotice(t("portalAccount.recoveryCodesSaved"));
        }}
      />
    );
  } else if (status.isPending) {
    body = (
      <div aria-busy="true">
        <span role="status" className="pt-visually-hidden">
          {t("common.loading")}
        </span>
        <Skeleton height="3rem" />
      </div>
    );
  } else if (status.isError) {
    body = <PageLoadError level={3} onRetry={() => void status.refetch()} />;
  } else if (!status.data.enabled) {
    body =
      panel === "enrol" && begin.data ? (
        <MfaEnrollment enrollment={begin.data} onEnrolled={showCodes} onCancel={() => open(null)} />
      ) : (
        <>
          <p>{t("portalAccount.mfaOff")}</p>
          <Notice tone="error">
            {begin.isError && <p>{errorText(begin.error, t("portalAccount.actionFailed"))}</p>}
          </Notice>
          <div className="pt-actions">
            <Button
              disabled={begin.isPending}
              onClick={() => {
                setNotice(null);
                begin.mutate();
              }}
            >
              {t("portalAccount.mfaSetUp")}
            </Button>
          </div>
        </>
      );
  } else {
    const since = status.data.enabledAt
      ? formatDate(status.data.enabledAt, localeTag(), { dateStyle: "medium" })
      : "";
    body = (
      <>
        <p>{t("portalAccount.mfaOn", { date: since })}</p>
        <p>{t("portalAccount.recoveryCodesLeft", { count: status.data.recoveryCodesRemaining })}</p>
        {panel === "regenerate" && <RegenerateCodesForm onDone={showCodes} onCancel={() => open(null)} />}
        {panel === "disable" && (
          <DisableMfaForm
            onDone={() => {
              setPanel(null);
              setNotice(t("portalAccount.mfaDisabled"));
              void refresh();
            }}
            onCancel={() => open(null)}
          />
        )}
        {panel === null && (
          <div className="pt-actions">
            <Button variant="secondary" onClick={() => open("regenerate")}>
              {t("portalAccount.recoveryCodesRegenerate")}
            </Button>
            <Button variant="secondary" onClick={() => open("disable")}>
              {t("portalAccount.mfaTurnOff")}
            </Button>
          </div>
        )}
      </>
    );
  }

  return (
    <section className="pt-section" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">{t("portalAccount.mfaSectionTitle")}</h2>
      <p>{t("portalAccount.mfaSectionDescription")}</p>
      <Notice tone="success">{notice && <p>{notice}</p>}</Notice>
      {body}
    </section>
  );
}
