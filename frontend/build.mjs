// Builds the portal's CSS and JavaScript from the pinned govuk-frontend package.
// The outputs go to static/build/, which git ignores: every install builds them afresh.
import { mkdir, copyFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "static", "build");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

await mkdir(out, { recursive: true });

const css = await sass.compileAsync(join(root, "frontend", "portal.scss"), {
  importers: [new sass.NodePackageImporter()],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
await writeFile(join(out, "portal.css"), css.css);

// The map travels with the script so WhiteNoise's manifest storage can resolve sourceMappingURL.
for (const name of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  await copyFile(join(govuk, name), join(out, name));
}
console.log(`Built ${out}`);
