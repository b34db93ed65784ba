import { NotFoundMessage } from "@/components/ui/not-found-message";

/**
 * A notFound() inside a page. Static: Next.js renders this boundary into every page's payload, so anything
 * dynamic here would make every page dynamic. It is served under its page's policy: the nonce of a page
 * rendered per request (a product), the hashes of a cached one (a category). A URL that matches no route
 * gets app/global-not-found.tsx.
 */
export default function NotFound() {
  return <NotFoundMessage />;
}
