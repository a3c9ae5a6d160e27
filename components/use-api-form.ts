"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues } from "react-hook-form";
import type { z } from "zod";
import { flashAlert, flashFieldError, type FormFlash } from "@/components/form-flash";
import { applyServerErrors, reloadIfSignedOut, type ApiResult } from "@/lib/client/api";

type Refusal = Extract<ApiResult<unknown>, { ok: false }>;
type Options<Input extends FieldValues, Output, Data> = {
  schema: z.ZodType<Output, Input>;
  /** The fields in form order: server errors for them go beside them, focus to the first. */
  fields: readonly string[];
  send: (values: Output) => Promise<ApiResult<Data>>;
  onSuccess: (data: Data, values: Output) => void;
  /** Runs on a refusal before the errors are placed; true when it dealt with it (e.g. the 2FA step). */
  onRefused?: (refusal: Refusal, values: Output) => boolean | void;
  /** Runs as each submit starts, e.g. to clear an earlier success message. */
  onSubmitting?: () => void;
  defaultValues?: DefaultValues<Input>;
  /** What a post without JavaScript left (lib/http/flash.ts): its errors show until the next submit. */
  flash?: FormFlash;
  /**
   * A signed-in form: a 401 still refused after the client's one renewal means the session
   * ended elsewhere, and a reload lets /login say so. Signed-out forms leave 401 to their copy.
   */
  signedIn?: boolean;
};

/**
 * A react-hook-form form that sends to one of our JSON endpoints: the zod schema checks fields
 * as they are left, the server's field errors land beside their fields, and anything else
 * becomes the form's one message (`formError`).
 */
export function useApiForm<Input extends FieldValues, Output = Input, Data = unknown>(
  options: Options<Input, Output, Data>,
) {
  const { fields, flash = null } = options;
  const [formError, setFormError] = useState<string | null>(flashAlert(flash, fields));
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(options.schema),
    defaultValues: options.defaultValues,
    mode: "onTouched",
  });
  const { errors, submitCount } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    options.onSubmitting?.();
    setFormError(null);
    const result = await options.send(values);
    if (result.ok) return options.onSuccess(result.data, values);
    if (options.signedIn && reloadIfSignedOut(result)) return;
    if (options.onRefused?.(result, values)) return;
    setFormError(applyServerErrors(result.error, form.setError, fields));
  });

  /** A field's message: the browser's check or the server's, else what a no-JavaScript post left. */
  const errorOf = (name: string): string | undefined =>
    (errors[name]?.message as string | undefined) ?? flashFieldError(flash, name, submitCount);

  return { ...form, onSubmit, formError, setFormError, errorOf };
}
