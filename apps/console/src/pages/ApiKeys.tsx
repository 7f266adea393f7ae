import type { RouterOutputs } from "@portico/api";
import { useTranslation } from "@portico/i18n";
import { Button, ConfirmDialog, EmptyState, Notice, TextField, errorReason } from "@portico/ui";
import { type FormEvent, useEffect, useRef, useState } from "react";

import { CopyButton } from "../components/CopyButton.js";
import { dateTime } from "../components/format.js";
import { QueryState } from "../components/PageStates.js";
import { trpc } from "../trpc.js";

type ApiKey = RouterOutputs["admin"]["apiKeys"]["list"][number];
type CreatedKey = RouterOutputs["admin"]["apiKeys"]["create"];
type Mode = ApiKey["mode"];
type Status = { tone: "success" | "error"; text: string } | null;

/** The secret of a key just created: shown this once, with a copy button and a warning. */
function NewKey({ created, onDone }: { created: CreatedKey; onDone: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="pt-new-secret" aria-labelledby="new-key-title">
      <h2 id="new-key-title" ref={headingRef} tabIndex={-1}>
        {t("consoleAccount.apiKeyCreatedTitle", { name: created.apiKey.name })}
      </h2>
      <p className="pt-warning">{t("consoleAccount.apiKeyShownOnce")}</p>
      <div className="pt-actions">
        <code className="pt-secret" aria-label={t("consoleAccount.apiKeySecretLabel")}>
          {created.key}
        </code>
        <CopyButton
          text={created.key}
          label={t("consoleAccount.apiKeyCopy")}
          copiedLabel={t("consoleAccount.copied")}
        />
      </div>
      <div className="pt-actions">
        <Button onClick={onDone}>{t("consoleAccount.apiKeyDone")}</Button>
      </div>
    </section>
  );
}

function CreateKeyForm({ onCreated }: { onCreated: (created: CreatedKey) => void }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [name, setName] = useState("");
  const [mode, setMode] = useState<Mode>("test");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const create = trpc.admin.apiKeys.create.useMutation({
    onSuccess: (created) => {
      setName("");
      onCreated(created);
    },
    onSettled: () => utils.admin.apiKeys.list.invalidate(),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    setFieldError(trimmed ? null : t("consoleAccount.apiKeyNameRequired"));
    if (!trimmed) return nameRef.current?.focus();
    create.mutate({ name: trimmed, mode });
  }

  const error =
    create.isError &&
    (errorReason(create.error) === "INVALID_INPUT"
      ? t("consoleAccount.apiKeyNameRequired")
      : t("consoleAccount.actionFailed"));
  return (
    <section className="pt-section" aria-labelledby="create-key-title">
      <h2 id="create-key-title">{t("consoleAccount.apiKeyCreateTitle")}</h2>
      <form className="pt-form" noValidate onSubmit={submit} aria-busy={create.isPending}>
        <Notice tone="error">{error && <p>{error}</p>}</Notice>
        <TextField
          ref={nameRef}
          label={t("consoleAccount.apiKeyName")}
          hint={t("consoleAccount.apiKeyNameHint")}
          name="name"
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError}
        />
        <fieldset className="pt-choice">
          <legend>{t("consoleAccount.apiKeyMode")}</legend>
          {(["test", "live"] as const).map((value) => (
            <label key={value} className="pt-radio">
              <input
                type="radio"
                name="mode"
                value={value}
                checked={mode === value}
                onChange={() => setMode(value)}
              />
              {value === "test" ? t("consoleAccount.apiKeyModeTest") : t("consoleAccount.apiKeyModeLive")}
            </label>
          ))}
        </fieldset>
        <div className="pt-actions">
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? t("consoleAccount.saving") : t("consoleAccount.apiKeyCreate")}
          </Button>
        </div>
      </form>
    </section>
  );
}

/** The merchant's API keys: list, create (the secret shown once), revoke after confirming. */
export function ApiKeys() {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const keys = trpc.admin.apiKeys.list.useQuery();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [confirming, setConfirming] = useState<ApiKey | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const revoke = trpc.admin.apiKeys.revoke.useMutation({
    onSuccess: (key) =>
      setStatus({ tone: "success", text: t("consoleAccount.apiKeyRevoked", { name: key.name }) }),
    onError: () => setStatus({ tone: "error", text: t("consoleAccount.actionFailed") }),
    onSettled: () => {
      setConfirming(null);
      return utils.admin.apiKeys.list.invalidate();
    },
  });

  const heading = (
    <>
      <h1>{t("consoleAccount.apiKeysTitle")}</h1>
      <p>{t("consoleAccount.apiKeysDescription")}</p>
    </>
  );
  if (!keys.data) {
    return (
      <>
        {heading}
        <QueryState error={keys.error} onRetry={() => void keys.refetch()} />
      </>
    );
  }

  return (
    <>
      {heading}
      <Notice tone={status?.tone === "error" ? "error" : "success"}>{status && <p>{status.text}</p>}</Notice>
      {created && <NewKey created={created} onDone={() => setCreated(null)} />}
      <section className="pt-section" aria-labelledby="keys-title">
        <h2 id="keys-title">{t("consoleAccount.apiKeysListTitle")}</h2>
        {keys.data.length === 0 ? (
          <EmptyState
            title={t("consoleAccount.apiKeysEmptyTitle")}
            description={t("consoleAccount.apiKeysEmpty")}
          />
        ) : (
          <div className="pt-table-wrap" role="region" aria-labelledby="keys-title" tabIndex={0}>
            <table className="pt-table" aria-busy={keys.isFetching}>
              <thead>
                <tr>
                  <th scope="col">{t("consoleAccount.apiKeyName")}</th>
                  <th scope="col">{t("consoleAccount.apiKeyPrefix")}</th>
                  <th scope="col">{t("consoleAccount.apiKeyMode")}</th>
                  <th scope="col">{t("consoleAccount.apiKeyLastUsed")}</th>
                  <th scope="col">{t("consoleAccount.apiKeyCreatedAt")}</th>
                  <th scope="col">{t("consoleAccount.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {keys.data.map((key) => (
                  <tr key={key.id}>
                    <th scope="row">{key.name}</th>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>
                      <span className={`pt-badge pt-badge--${key.mode}`}>
                        {key.mode === "live"
                          ? t("consoleAccount.apiKeyModeLive")
                          : t("consoleAccount.apiKeyModeTest")}
                      </span>
                    </td>
                    <td>{key.lastUsedAt ? dateTime(key.lastUsedAt) : t("consoleAccount.never")}</td>
                    <td>{dateTime(key.createdAt)}</td>
                    <td>
                      {key.revokedAt ? (
                        t("consoleAccount.apiKeyRevokedAt", { time: dateTime(key.revokedAt) })
                      ) : (
                        <Button
                          variant="secondary"
                          aria-label={t("consoleAccount.apiKeyRevokeLabel", { name: key.name })}
                          onClick={() => setConfirming(key)}
                        >
                          {t("consoleAccount.apiKeyRevoke")}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CreateKeyForm
        onCreated={(key) => {
          setStatus(null);
          setCreated(key);
        }}
      />
      <ConfirmDialog
        open={confirming !== null}
        title={t("consoleAccount.apiKeyRevokeTitle", { name: confirming?.name ?? "" })}
        description={t("consoleAccount.apiKeyRevokeDescription")}
        confirmLabel={t("consoleAccount.apiKeyRevokeConfirm")}
        busy={revoke.isPending}
        onConfirm={() => confirming && revoke.mutate({ id: confirming.id })}
        onCancel={() => setConfirming(null)}
      />
    </>
  );
}
