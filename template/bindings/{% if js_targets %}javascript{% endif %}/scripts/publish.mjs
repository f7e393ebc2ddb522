#!/usr/bin/env node
// Publishes packed tarballs (`npm pack`) to the npm registry, so that running it
// again is harmless (`make publish-npm`, the release workflow's publish-npm job):
//
//   - a package goes out after the packages it names in `optionalDependencies`
//     (platform packages before the package that installs them), so that no
//     published version names a package version the registry lacks;
//   - a version the registry has already is skipped: a re-run of a release that
//     failed after publishing passes over it;
//   - a prerelease (1.2.0-rc.1) goes out under the dist-tag `next`;
//   - a version lower than the registry's `latest` (a fix of an older line) goes out
//     under `maintenance`, so that `npm install` keeps getting the newest line;
//   - anything else becomes `latest`.
//
// Versions are compared by the `semver` package that npm itself uses (the copy
// bundled with the npm on PATH), so the order is npm's. The registry is npm's
// configured one (`npm_config_registry` and .npmrc apply, as for any npm command);
// credentials too: trusted publishing in the workflow, a token elsewhere.
//
// Usage: node scripts/publish.mjs PACKAGE.tgz...

import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function fail(message) {
  console.error(`publish: ${message}`);
  process.exit(1);
}

/** The `name`, `version` and `optionalDependencies` of the tarball's package.json. */
function manifestOf(tarball) {
  const json = execFileSync("tar", ["-xzOf", tarball, "package/package.json"], {
    encoding: "utf8",
  });
  const { name, version, optionalDependencies = {} } = JSON.parse(json);
  return { name, version, optionalDependencies };
}

/** npm's own `semver`, from the npm installation that `npm` runs. */
function npmSemver() {
  const root = execFileSync(npm, ["root", "--global"], {
    encoding: "utf8",
  }).trim();
  try {
    return createRequire(join(root, "npm", "package.json"))("semver");
  } catch {
    fail(`no semver in npm's installation under ${root}: reinstall npm`);
  }
}

/** What the registry has of `name`: its versions and dist-tags (none for a new package). */
function registryView(name) {
  const view = spawnSync(npm, ["view", name, "versions", "dist-tags", "--json"], {
    encoding: "utf8",
  });
  const answer = view.stdout.trim() ? JSON.parse(view.stdout) : {};
  if (view.status !== 0) {
    if (answer.error?.code === "E404") return { versions: [], distTags: {} };
    fail(`npm view ${name} failed: ${answer.error?.summary ?? view.stderr.trim()}`);
  }
  // npm prints a lone version as a string, several as an array.
  return {
    versions: [answer.versions ?? []].flat(),
    distTags: answer["dist-tags"] ?? {},
  };
}

/** The dist-tag for `version`, given the registry's `latest` (or undefined). */
function distTag(semver, version, latest) {
  if (semver.prerelease(version)) return "next";
  if (latest && semver.lt(version, latest)) return "maintenance";
  return "latest";
}

/** Publishes one tarball, unless the registry has its version already. */
function publish(semver, tarball, { name, version }) {
  if (!semver.valid(version)) fail(`${name}'s version "${version}" is not a semantic version`);
  const { versions, distTags } = registryView(name);
  if (versions.includes(version)) {
    console.log(`publish: ${name}@${version} is on the registry already: skipped`);
    return;
  }
  const tag = distTag(semver, version, distTags.latest);
  console.log(`publish: ${name}@${version} under the dist-tag "${tag}"`);
  const result = spawnSync(npm, ["publish", tarball, "--tag", tag, "--access", "public"], {
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main(args) {
  if (args.length === 0 || !args.every((arg) => arg.endsWith(".tgz"))) {
    fail("usage: node scripts/publish.mjs PACKAGE.tgz... (tarballs made by `npm pack`)");
  }
  // Absolute paths: npm would read `dist/name.tgz` as the GitHub repository dist/name.tgz.
  const packages = args.map((arg) => ({
    tarball: resolve(arg),
    ...manifestOf(resolve(arg)),
  }));
  const names = new Set(packages.map(({ name }) => name));
  const dependsOnAnother = ({ optionalDependencies }) =>
    Object.keys(optionalDependencies).some((name) => names.has(name));
  const ordered = [
    ...packages.filter((entry) => !dependsOnAnother(entry)),
    ...packages.filter(dependsOnAnother),
  ];
  const semver = npmSemver();
  for (const { tarball, ...manifest } of ordered) publish(semver, tarball, manifest);
}

main(process.argv.slice(2));
