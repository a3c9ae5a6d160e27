"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { z } from "zod";
import { FormAlert } from "@/components/form-alert";
import { FormField, TextAreaField } from "@/components/form-field";
import { flashValue, type FormFlash } from "@/components/form-flash";
import { SubmitButton } from "@/components/submit-button";
import { useApiForm } from "@/components/use-api-form";
import type { PublicUser } from "@/lib/auth/user";
import { sendJson } from "@/lib/client/api";
import { profileSchema } from "@/lib/schemas/account";

type Input = z.input<typeof profileSchema>;
type Output = z.output<typeof profileSchema>;
const FIELDS = ["username", "first_name", "last_name", "bio", "profile_picture"] as const;

/** Posts to /api/auth/user (POST: PUT for a form) until JavaScript takes over; `flash` is what such a post left. */
export function ProfileForm({ user, flash = null }: { user: PublicUser; flash?: FormFlash }) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(flash?.ok ? "Profile saved." : null);
  // After a refused post the typed values come back; otherwise the stored ones.
  const initial = {
    username: flashValue(flash, "username") ?? user.username,
    first_name: flashValue(flash, "first_name") ?? user.first_name,
    last_name: flashValue(flash, "last_name") ?? user.last_name,
    bio: flashValue(flash, "bio") ?? user.bio,
    profile_picture: flashValue(flash, "profile_picture") ?? user.profile_picture ?? "",
  };
  const { register, onSubmit, formError, formState, errorOf } = useApiForm<Input, Output>({
    schema: profileSchema,
    fields: FIELDS,
    defaultValues: initial,
    flash,
    onSubmitting: () => setSaved(null),
    send: (values) => sendJson("PUT", "/api/auth/user", values),
    onSuccess: () => {
      setSaved("Profile saved.");
      router.refresh();
    },
    signedIn: true,
  });

  return (
    // "Profile saved." belongs to what was saved: the next edit clears it.
    <form
      method="post"
      action="/api/auth/user"
      onSubmit={onSubmit}
      onChange={() => setSaved(null)}
      noValidate
      aria-label="Profile"
    >
      <FormAlert message={formError} />
      <div className="row">
        <FormField
          label="First name"
          autoComplete="given-name"
          error={errorOf("first_name")}
          defaultValue={initial.first_name}
          {...register("first_name")}
        />
        <FormField
          label="Last name"
          autoComplete="family-name"
          error={errorOf("last_name")}
          defaultValue={initial.last_name}
          {...register("last_name")}
        />
      </div>
      <FormField
        label="Username"
        autoComplete="username"
        required
        error={errorOf("username")}
        defaultValue={initial.username}
        {...register("username")}
      />
      <FormField
        label="Profile picture URL"
        type="url"
        placeholder="https://…"
        error={errorOf("profile_picture")}
        defaultValue={initial.profile_picture}
        {...register("profile_picture")}
      />
      <TextAreaField label="Bio" error={errorOf("bio")} defaultValue={initial.bio} {...register("bio")} />
      <div className="form-actions">
        <SubmitButton pending={formState.isSubmitting} pendingText="Saving…">
          Save profile
        </SubmitButton>
      </div>
      {/* Beside the button that saved, where the eyes are after clicking it. */}
      <FormAlert kind="success" message={saved} />
    </form>
  );
}
