import type { RouterOutputs } from "@portico/api";
import { errorDetails, errorReason } from "@portico/ui";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useLocation } from "wouter";
import { useHistoryState } from "wouter/use-browser-location";
import { trpc } from "./trpc.js";

/** What a password, code or invitation sign-in answers. */
export type PortalSignIn = RouterOutputs["auth"]["portal"]["login"];

export interface CustomerChoice {
  customer: string;
  name: string;
}

/**
 * The accounts to choose from when one e-mail signs in to several customers (CONFLICT
 * CUSTOMER_CHOICE_REQUIRED); null for any other answer.
 */
export function customerChoices(error: unknown): CustomerChoice[] | null {
  if (errorReason(error) !== "CUSTOMER_CHOICE_REQUIRED") return null;
  const list = errorDetails(error).customers;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (c): c is CustomerChoice =>
      typeof c === "object" && c !== null && typeof c.customer === "string" && typeof c.name === "string",
  );
}

/**
 * After any sign-in: forget what was cached for the previous visitor, then open the MFA
 * challenge when the session still owes a second factor, the dashboard otherwise.
 */
export function useFinishSignIn(): (result: PortalSignIn) => void {
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const [, navigate] = useLocation();
  return useCallback(
    ({ mfaRequired, ...identity }: PortalSignIn) => {
      queryClient.removeQueries({ queryKey: [["portal"]] });
      if (mfaRequired) {
        queryClient.removeQueries({ queryKey: [["auth", "portal", "session"]] });
        navigate("/mfa", { replace: true });
      } else {
        utils.auth.portal.session.setData(undefined, identity);
        navigate("/", { replace: true });
      }
    },
    [navigate, queryClient, utils],
  );
}

/** What the sign-in page hands the code, forgot and register pages (history state, never the URL). */
export interface SignInState {
  email?: string;
}

/** The e-mail typed on the page the visitor came from, to save typing it twice. */
export function useCarriedEmail(): string {
  const state = useHistoryState<SignInState | null>();
  return typeof state?.email === "string" ? state.email : "";
}
