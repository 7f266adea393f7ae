export { AppShell, type AppShellProps, Brand, type BrandProps } from "./AppShell.js";
export { applyBranding } from "./branding.js";
export { Button, type ButtonProps } from "./Button.js";
export { EmptyState } from "./EmptyState.js";
export { ErrorState, type ErrorStateProps } from "./ErrorState.js";
export { PageSkeleton, Skeleton, type SkeletonProps } from "./Skeleton.js";
export { Spinner } from "./Spinner.js";
export type { StateMessageProps } from "./StateMessage.js";
