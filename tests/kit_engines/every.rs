//! `for_each_engine`: the body runs on the shared engine and on the current one, each with
//! its fixture containers, through docktor's own `Engine`.

use crate::common::{self, engines::current, kit};

#[tokio::test]
async fn engine_of_the_kit_lists_its_fixtures() {
    let mut seen = Vec::new();
    kit::for_each_engine(async |e| {
        assert!(e.fixtures(), "fixtures on the {} engine", e.name);
        let engine = e.engine().await;
        let list = engine
            .containers(true)
            .await
            .unwrap_or_else(|err| panic!("list on {}: {err}", e.host()));
        for name in common::FIXTURE_NAMES {
            assert!(
                list.iter().any(|c| c.name == name),
                "{name} on the {} engine",
                e.name
            );
        }
        seen.push((e.name, e.api.clone()));
    })
    .await;
    if common::require_docker() {
        let names: Vec<&str> = seen.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["shared", "current"], "engines reached: {seen:?}");
        assert_eq!(seen[1].1, current::API, "the current engine's API");
    }
}
