// Copies the front-end packages' built files into cses/static/vendor, where Django's
// staticfiles finds them. The U.S. Web Design System ships compiled CSS, JS, fonts and
// images; we use them as published rather than recompiling its Sass.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "cses", "static", "vendor");
rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });

const uswds = join(root, "node_modules", "@uswds", "uswds", "dist");
for (const part of ["css", "js", "fonts", "img"]) {
  cpSync(join(uswds, part), join(vendor, "uswds", part), { recursive: true });
}
mkdirSync(join(vendor, "htmx"), { recursive: true });
cpSync(join(root, "node_modules", "htmx.org", "dist", "htmx.min.js"), join(vendor, "htmx", "htmx.min.js"));
console.log(`front-end packages copied to ${vendor}`);
