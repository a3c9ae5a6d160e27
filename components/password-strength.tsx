"use client";

import { useEffect, useState } from "react";

type Checker = (password: string, userInputs: string[]) => number;

const LABELS = ["Very weak", "Weak", "Fair", "Strong", "Very strong"];
// Theme-aware (app/globals.css sets them for light and dark).
const COLOURS = ["0", "1", "2", "3", "3"].map((n) => `var(--strength-${n})`);

let checker: Promise<Checker> | undefined;

/** zxcvbn-ts and its common-password dictionary load on first use, not with the page. */
function loadChecker(): Promise<Checker> {
  checker ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(([core, common]) => {
    const factory = new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });
    return (password, userInputs) => factory.check(password, userInputs).score;
  });
  return checker;
}

/** A strength hint beside a new-password field; the policy itself is enforced by the schema. */
export function PasswordStrength({ password, userInputs = [] }: { password: string; userInputs?: string[] }) {
  const [result, setResult] = useState<{ password: string; score: number } | null>(null);
  const inputs = userInputs.join("\u0000");
  const score = password && result?.password === password ? result.score : null;

  useEffect(() => {
    let live = true;
    if (!password) return;
    const timer = setTimeout(() => {
      void loadChecker().then((check) => {
        if (live) setResult({ password, score: check(password.slice(0, 128), inputs.split("\u0000").filter(Boolean)) });
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [password, inputs]);

  return (
    <div className="strength" aria-live="polite">
      <div className="strength-bar" aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          // Five scores on four segments: "very weak" still lights the first one, in red.
          <span key={i} style={{ background: score !== null && Math.max(score, 1) > i ? COLOURS[score] : undefined }} />
        ))}
      </div>
      <span className="strength-label" style={{ color: score !== null ? COLOURS[score] : undefined }}>
        {score === null ? "\u00a0" : `Strength: ${LABELS[score]}`}
      </span>
    </div>
  );
}
