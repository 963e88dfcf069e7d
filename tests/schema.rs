//! The JSON Schema of `convert --format json`: both fixtures validate, and a
//! snapshot notices any change to it.

mod common;
use common::*;

fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(actionplan::Plan)).expect("the schema serialises")
}

#[test]
fn fixtures_validate_against_the_schema() {
    let validator =
        jsonschema::validator_for(&schema()).unwrap_or_else(|e| panic!("invalid schema: {e}"));
    for fixture in [COUNCIL, COMMISSION] {
        let instance = serde_json::to_value(parse(fixture)).expect("the plan serialises");
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn the_schema_rejects_what_breaks_the_contract() {
    let validator =
        jsonschema::validator_for(&schema()).unwrap_or_else(|e| panic!("invalid schema: {e}"));
    let mut instance = serde_json::to_value(parse(COUNCIL)).expect("the plan serialises");
    instance["actions"][0]["number"] = serde_json::json!("one");
    assert!(!validator.is_valid(&instance));
    let mut instance = serde_json::to_value(parse(COUNCIL)).expect("the plan serialises");
    instance["dialect"] = serde_json::json!("parliament");
    assert!(!validator.is_valid(&instance));
}

#[test]
fn schema_snapshot() {
    insta::assert_json_snapshot!("schema", schema());
}

#[test]
fn the_model_round_trips_through_json() {
    for fixture in [COUNCIL, COMMISSION] {
        let plan = parse(fixture);
        let json = serde_json::to_string(&plan).expect("the plan serialises");
        let back: actionplan::Plan = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, plan);
    }
}
