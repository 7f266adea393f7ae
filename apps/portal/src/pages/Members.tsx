import { useTranslation } from "@portico/i18n";
import { errorReason } from "@portico/ui";
import { PageLoadError, PageLoading } from "@portico/ui/spa";
import { useState } from "react";
import { PageHeading } from "../components/PageHeading.js";
import { SignInWithOwnAccount } from "../components/SignInWithOwnAccount.js";
import { type Status, StatusNotice } from "../components/StatusNotice.js";
import { usePortalSession } from "../session.js";
import { trpc } from "../trpc.js";
import { InviteMemberForm } from "./members/InviteMemberForm.js";
import { MemberRecord } from "./members/MemberRecord.js";

/**
 * `/members`: the login users of the customer account. Admins invite, resend, revoke,
 * change roles and remove; members see the list only.
 */
export function Members() {
  const { t } = useTranslation();
  const user = usePortalSession().data?.user ?? null;
  const members = trpc.portal.members.list.useQuery(undefined, {
    enabled: user !== null,
    retry: (n, error) => errorReason(error) === null && n < 2,
  });
  const [status, setStatus] = useState<Status>(null);

  const heading = (
    <PageHeading
      title={t("portalAccount.membersTitle")}
      description={t("portalAccount.membersDescription")}
    />
  );
  if (user === null || errorReason(members.error) === "USER_SESSION_REQUIRED") {
    return (
      <>
        {heading}
        <SignInWithOwnAccount description={t("portalAccount.membersSignInOwn")} />
      </>
    );
  }
  if (members.isPending) {
    return (
      <>
        {heading}
        <PageLoading />
      </>
    );
  }
  if (members.isError) {
    return (
      <>
        {heading}
        {errorReason(members.error) === "CUSTOMER_ADMIN_REQUIRED" ? (
          <div className="pt-state" role="status">
            <h2 className="pt-state__title">{t("common.forbiddenTitle")}</h2>
            <p className="pt-state__description">{t("portalAccount.membersAdminOnly")}</p>
          </div>
        ) : (
          <PageLoadError onRetry={() => void members.refetch()} />
        )}
      </>
    );
  }

  const admin = user.role === "admin";
  return (
    <>
      {heading}
      <StatusNotice status={status} />
      {admin ? <InviteMemberForm onStatus={setStatus} /> : <p>{t("portalAccount.membersReadOnly")}</p>}
      <section className="pt-section" aria-labelledby="members-list-title">
        <h2 id="members-list-title">{t("portalAccount.membersListTitle")}</h2>
        <ul className="pt-records" aria-busy={members.isFetching}>
          {members.data.map((member) => (
            <MemberRecord
              key={member.id}
              member={member}
              manage={admin && !member.isSelf}
              onStatus={setStatus}
            />
          ))}
        </ul>
      </section>
    </>
  );
}
