# The origin plan's feedback generator (seeds/02-synthetic-data-plan.md, "Tools and Process"),
# copied verbatim as the baseline for bench/synth. Not project code: kept as written there.
import random
import json

skills = ["Linear Functions", "Triangles", "Reading Comprehension"]
domains = {"Math": ["Algebra", "Geometry"], "Reading and Writing": ["Reading Comprehension"]}

def generate_feedback_pair():
    section = random.choice(["Math", "Reading and Writing"])
    domain = random.choice(domains[section])
    skill = random.choice(skills)
    correct, total = random.randint(0, 10), 10
    avg_time = random.randint(20, 120)
    pred_prof = round(random.uniform(1, 7), 1)
    input_data = {section: {domain: {skill: {"correct": correct, "total": total, "avg_time": avg_time}}}, "predictions": {section: {domain: {skill: {"predicted_prof": pred_prof}}}}}
    percent = correct / total * 100
    output = f"Hey! You’ve got {correct}/{total} right in {skill} ({percent:.0f}%)—{'solid work' if percent > 70 else 'room to grow'}. Your avg time of {avg_time}s is {'quick' if avg_time < 40 else 'slow' if avg_time > 60 else 'decent'}. You’re at {pred_prof}, so {'keep it up' if pred_prof > 5 else 'try harder problems'}!"
    return {"input": json.dumps(input_data), "output": output}

# Generate 50K pairs
with open("synthetic_sat_data.jsonl", "w") as f:
    for _ in range(50000):
        pair = generate_feedback_pair()  # Extend for explanations, plans
        f.write(json.dumps(pair) + "\n")
