"use client";

import { useCallback, useState } from "react";

/**
 * The profile picture, or the name's initial when there is none or it cannot be loaded (a
 * broken or unreachable URL). An image that failed before React hydrated is caught too.
 */
export function Avatar({ src, name }: { src: string | null; name: string }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const watch = useCallback(
    (img: HTMLImageElement | null) => {
      if (img?.complete && img.naturalWidth === 0 && src) setFailedSrc(src);
    },
    [src],
  );
  if (!src || failedSrc === src) {
    return (
      <span className="avatar" aria-hidden="true" data-testid="avatar-initial">
        {name.slice(0, 1).toUpperCase()}
      </span>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- any user-supplied host; next/image would need each one allow-listed
    <img
      ref={watch}
      className="avatar"
      src={src}
      alt=""
      referrerPolicy="no-referrer"
      onError={() => setFailedSrc(src)}
    />
  );
}
