"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField, TextAreaField } from "@/components/form-field";
import { SubmitButton } from "@/components/submit-button";
import type { PublicUser } from "@/lib/auth/user";
import { applyServerErrors, sendJson } from "@/lib/client/api";
import { profileSchema } from "@/lib/schemas/account";

type Input = z.input<typeof profileSchema>;
type Output = z.output<typeof profileSchema>;
const FIELDS = ["username", "first_name", "last_name", "bio", "profile_picture"] as const;

export function ProfileForm({ user }: { user: PublicUser }) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Input, unknown, Output>({
    resolver: zodResolver(profileSchema),
    defaultValues: {
      username: user.username,
      first_name: user.first_name,
      last_name: user.last_name,
      bio: user.bio,
      profile_picture: user.profile_picture ?? "",
    },
    mode: "onTouched",
  });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setSaved(null);
    setFormError(null);
    const result = await sendJson("PUT", "/api/auth/user", values);
    if (!result.ok) return setFormError(applyServerErrors(result.error, setError, FIELDS));
    setSaved("Profile saved.");
    router.refresh();
  });

  return (
    // "Profile saved." belongs to what was saved: the next edit clears it.
    <form onSubmit={onSubmit} onChange={() => setSaved(null)} noValidate aria-label="Profile">
      <FormAlert message={formError} />
      <div className="row">
        <FormField
          label="First name"
          autoComplete="given-name"
          error={errors.first_name?.message}
          {...register("first_name")}
        />
        <FormField
          label="Last name"
          autoComplete="family-name"
          error={errors.last_name?.message}
          {...register("last_name")}
        />
      </div>
      <FormField
        label="Username"
        autoComplete="username"
        required
        error={errors.username?.message}
        {...register("username")}
      />
      <FormField
        label="Profile picture URL"
        type="url"
        placeholder="https://…"
        error={errors.profile_picture?.message}
        {...register("profile_picture")}
      />
      <TextAreaField label="Bio" error={errors.bio?.message} {...register("bio")} />
      <div className="form-actions">
        <SubmitButton pending={isSubmitting} pendingText="Saving…">
          Save profile
        </SubmitButton>
      </div>
      {/* Beside the button that saved, where the eyes are after clicking it. */}
      <FormAlert kind="success" message={saved} />
    </form>
  );
}
