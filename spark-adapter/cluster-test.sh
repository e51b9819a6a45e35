#!/usr/bin/env bash
# A real standalone Spark cluster on 127.0.0.1, started from the Maven Central jars the build already
# has: a Master and two Workers (separate JVMs, one core each). The fit is submitted as the README
# says — the plug-in jar in spark.jars — with k-means|| seeding (seed 1) and 25 iterations; one
# executor is killed (kill -9) after the fit's twelfth job (an iteration), Spark reruns its tasks on a new one, and
# the centres must equal those of local[2] bit for bit. `bench` times our iterations against
# mllib.clustering.KMeans on the cluster instead (2,000,000 × 16 rows, k = 20, 8 partitions).
#
#   mvn -B -DskipTests install          # once: the plug-in jar and the test classes
#   spark-adapter/cluster-test.sh       # about 2 minutes on 2 cores
#   spark-adapter/cluster-test.sh bench # about 4 minutes
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
rows=${ROWS:-$([ "$mode" = bench ] && echo 2000000 || echo 400000)}
plugin=$(ls spark-adapter/target/minibatch-kmeans-spark-*-plugin.jar | grep -v 0.1.0 | head -1)
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  pkill -9 -f "CoarseGrainedExecutorBackend.*$work" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Spark's launcher builds an executor's class path from $SPARK_HOME/jars: the build's own Spark jars.
mvn -B -q -pl spark-adapter dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
mkdir -p "$work/home/jars"
tr ':' '\n' < "$work/cp.txt" | grep '\.jar$' | while read -r jar; do ln -s "$jar" "$work/home/jars/"; done
export SPARK_HOME="$work/home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
jar cf "$work/tests.jar" -C spark-adapter/target/test-classes .   # the driver's closures (ClusterCheck's row generator)
spark=(java -Xmx512m -cp "$work/home/jars/*")
port=$((20000 + RANDOM % 20000))
"${spark[@]}" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 > "$work/master.log" 2>&1 &
pids+=($!)
for i in $(seq 1 60); do grep -q "I have been elected leader" "$work/master.log" && break; sleep 1; done
for w in 1 2; do
  "${spark[@]}" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1500m --webui-port 0 \
    --work-dir "$work/worker$w" "spark://127.0.0.1:$port" > "$work/worker$w.log" 2>&1 &
  pids+=($!)
done
for i in $(seq 1 60); do [ "$(grep -c 'Registering worker' "$work/master.log")" -ge 2 ] && break; sleep 1; done
echo "cluster: master spark://127.0.0.1:$port, $(grep -c 'Registering worker' "$work/master.log") workers"

driver=(java --add-modules jdk.incubator.vector -Xmx2g -Dspark.driver.host=127.0.0.1
  -cp "spark-adapter/target/test-classes:$work/home/jars/*:$plugin" io.github.minibatchkmeans.spark.ClusterCheck)
cluster=(-Dspark.jars="$plugin,$work/tests.jar" -Dspark.executor.memory=1200m -Dspark.cores.max=2)
if [ "$mode" = bench ]; then
  "${driver[@]:0:4}" "${cluster[@]}" "${driver[@]:4}" "spark://127.0.0.1:$port" bench "$rows"
  exit 0
fi
"${driver[@]}" "local[2]" fit "$rows" "$work/local.txt"
"${driver[@]:0:4}" "${cluster[@]}" "${driver[@]:4}" "spark://127.0.0.1:$port" fit "$rows" "$work/cluster.txt" kill
if cmp -s "$work/local.txt" "$work/cluster.txt"; then
  echo "PASS: the cluster's centres, an executor killed mid-fit, equal local[2]'s bit for bit"
else
  echo "FAIL: the cluster's centres differ from local[2]'s"; diff "$work/local.txt" "$work/cluster.txt" | head -5; exit 1
fi
