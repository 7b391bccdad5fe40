//! One finding per mistake: where two areas' rules see the same mistake (root from the
//! container's config and from its resolved user, missing bytecode in the image and in
//! `.venv`), the Doctor's and check's facts give one failure, and each area's own view alone
//! still gives its own. (A start.sh that is not executable: tests/check_cli.rs, on the daemon.)

use super::cases::{Case, all};
use super::{Facts, evaluate};
use crate::diagnose::verdict::Verdict;
use crate::profile::Profile;

fn case(id: &str) -> &'static Case {
    all()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no case {id}"))
}

fn verdict(f: &Facts, id: &str) -> Verdict {
    evaluate(f, &Profile::default(), |r| r.id == id)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no rule {id}"))
        .verdict
}

#[test]
fn root_is_one_failure_where_the_config_is_known_too() {
    let (mut files, _) = (case("files.user-root").fires)();
    assert!(matches!(
        verdict(&files, "files.user-root"),
        Verdict::Fail(_)
    ));
    let (config, _) = (case("runtime.non-root-user").fires)();
    files.container = config.container;
    assert!(matches!(
        verdict(&files, "runtime.non-root-user"),
        Verdict::Fail(_)
    ));
    assert!(matches!(
        verdict(&files, "files.user-root"),
        Verdict::NotApplicable(_)
    ));
}

#[test]
fn missing_bytecode_is_one_failure_where_the_layers_are_known_too() {
    let (mut files, _) = (case("files.no-bytecode").fires)();
    assert!(matches!(
        verdict(&files, "files.no-bytecode"),
        Verdict::Fail(_)
    ));
    let (image, _) = (case("layers.no-bytecode").fires)();
    files.layers = image.layers;
    assert!(matches!(
        verdict(&files, "layers.no-bytecode"),
        Verdict::Fail(_)
    ));
    assert!(matches!(
        verdict(&files, "files.no-bytecode"),
        Verdict::NotApplicable(_)
    ));
}
