import { useTranslation } from "@portico/i18n";
import { useQueryClient } from "@tanstack/react-query";
import { useLocation } from "wouter";
import { Button } from "../Button.js";

/** What the sign-out controls need of a logout mutation. */
export interface SignOutMutation {
  mutate(): void;
  isPending: boolean;
}

/**
 * Ends the session server-side, then forgets everything cached about it and opens sign in.
 * `useLogout` is the app's `trpc.auth.<app>.logout.useMutation`; `router` names the API
 * router whose cached answers belonged to the signed-in user ("portal", "admin").
 */
export function useSignOut<M extends SignOutMutation>(
  useLogout: (options: { onSettled: () => void }) => M,
  router: string,
): M {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  return useLogout({
    onSettled: () => {
      navigate("/login", { replace: true });
      queryClient.removeQueries({ queryKey: [["auth"]] });
      queryClient.removeQueries({ queryKey: [[router]] });
    },
  });
}

export function SignOutButton({ signOut }: { signOut: SignOutMutation }) {
  const { t } = useTranslation();
  return (
    <Button variant="secondary" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      {signOut.isPending ? t("common.signingOut") : t("common.signOut")}
    </Button>
  );
}
