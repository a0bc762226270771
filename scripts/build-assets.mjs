// Builds peerwork's stylesheet from GOV.UK Frontend's Sass without the GOV.UK
// font (the Design System asks services outside GOV.UK not to use it), and
// copies the GOV.UK Frontend script beside it. Output: build/static/.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { compile } from "sass";

const out = "build/static/peerwork";
mkdirSync(out, { recursive: true });

const result = compile("src/peerwork/frontend/peerwork.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "slash-div"],
});
writeFileSync(`${out}/peerwork.css`, result.css);

cpSync(
  "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js",
  `${out}/govuk-frontend.min.js`,
);
cpSync("node_modules/govuk-frontend/dist/govuk/assets/images/favicon.svg", `${out}/favicon.svg`);
console.log(`built ${out}/peerwork.css and govuk-frontend.min.js`);
