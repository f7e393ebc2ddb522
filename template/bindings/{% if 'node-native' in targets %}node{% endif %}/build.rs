//! Links the addon the way Node.js loads it (on macOS, Node-API's symbols are
//! resolved from the `node` process at load time).

fn main() {
    napi_build::setup();
}
