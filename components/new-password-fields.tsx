"use client";

import { useWatch, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { FormField } from "./form-field";
import { PasswordStrength } from "./password-strength";

interface Props<T extends FieldValues> {
  form: Pick<UseFormReturn<T, unknown, FieldValues>, "register" | "control" | "formState" | "getFieldState">;
  password: Path<T>;
  confirm: Path<T>;
  labels?: { password: string; confirm: string };
  /** Fields whose values the strength hint should treat as guessable (name, email…). */
  personal?: Path<T>[];
  /** Errors a post without JavaScript left, shown until the form is submitted in the browser. */
  serverErrors?: Partial<Record<string, string>>;
}

const HINT = "At least 8 characters. Avoid common passwords and your name.";

/** "New password" + strength hint + confirmation, as every password-setting form shows them. */
export function NewPasswordFields<T extends FieldValues>({
  form,
  password,
  confirm,
  labels = { password: "New password", confirm: "Confirm new password" },
  personal = [],
  serverErrors = {},
}: Props<T>) {
  const value = useWatch({ control: form.control, name: password }) as string | undefined;
  const inputs = useWatch({ control: form.control, name: personal }) as (string | undefined)[];
  const errorOf = (name: Path<T>) =>
    form.getFieldState(name, form.formState).error?.message ??
    (form.formState.submitCount ? undefined : serverErrors[name]);
  return (
    <>
      <FormField
        label={labels.password}
        type="password"
        autoComplete="new-password"
        required
        hint={HINT}
        error={errorOf(password)}
        below={<PasswordStrength password={value ?? ""} userInputs={inputs.map((v) => v ?? "")} />}
        {...form.register(password)}
      />
      <FormField
        label={labels.confirm}
        type="password"
        autoComplete="new-password"
        required
        error={errorOf(confirm)}
        {...form.register(confirm)}
      />
    </>
  );
}
