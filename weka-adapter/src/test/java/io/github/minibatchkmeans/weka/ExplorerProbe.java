package io.github.minibatchkmeans.weka;

import java.awt.image.BufferedImage;
import java.io.File;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import weka.clusterers.Clusterer;
import weka.core.Instances;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;
import weka.gui.GenericObjectEditor;
import weka.gui.explorer.ClustererPanel;
import weka.gui.explorer.Explorer;
import weka.gui.explorer.Explorer.ExplorerPanel;

/**
 * Run by {@link WekaPackageIT} in a forked JVM on an X display (Xvfb): the real Explorer, with
 * MiniBatchKMeans coming from the installed package. Loads a data set, selects the clusterer in the
 * Cluster tab, presses Start, waits for the output, saves a screenshot, prints the output pane.
 * Args: data.arff screenshot.png [clusterer class and options; default: MiniBatchKMeans -N 3].
 */
public final class ExplorerProbe {
    private ExplorerProbe() {
    }

    public static void main(String[] args) throws Exception {
        WekaPackageManager.loadPackages(false);
        Instances data = DataSource.read(args[0]);
        Clusterer clusterer = args.length > 2
                ? (Clusterer) Utils.forName(Clusterer.class, args[2], java.util.Arrays.copyOfRange(args, 3, args.length))
                : (Clusterer) Utils.forName(Clusterer.class, "weka.clusterers.MiniBatchKMeans", new String[] {"-N", "3"});
        AtomicReference<JFrame> frame = new AtomicReference<>();
        AtomicReference<ClustererPanel> panel = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            Explorer explorer = new Explorer();
            JFrame window = new JFrame("Weka Explorer");
            window.getContentPane().add(explorer);
            window.setSize(1100, 800);
            window.setVisible(true);
            explorer.getPreprocessPanel().setInstances(data);
            for (ExplorerPanel p : explorer.getPanels()) {
                if (p instanceof ClustererPanel cp) {
                    panel.set(cp);
                    explorer.getTabbedPane().setSelectedComponent(cp);
                }
            }
            frame.set(window);
        });
        ClustererPanel cluster = panel.get();
        GenericObjectEditor editor = (GenericObjectEditor) field(cluster, "m_ClustererEditor");
        JButton start = (JButton) field(cluster, "m_StartBut");
        JTextArea output = (JTextArea) field(cluster, "m_OutText");
        SwingUtilities.invokeAndWait(() -> {
            editor.setValue(clusterer);
            start.doClick();
        });
        long deadline = System.currentTimeMillis() + 120_000;
        String result = output.getText();
        while (!result.contains("Final cluster centroids") && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            result = output.getText();
        }
        Thread.sleep(500); // let the panel finish painting the result
        String after = output.getText(); // the panel may blank its text area while it files the result in its history
        String text = after.contains("Final cluster centroids") ? after : result;
        SwingUtilities.invokeAndWait(() -> {
            JFrame window = frame.get();
            BufferedImage image = new BufferedImage(window.getWidth(), window.getHeight(), BufferedImage.TYPE_INT_RGB);
            window.paint(image.getGraphics());
            try {
                ImageIO.write(image, "png", new File(args[1]));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Object chosen = editor.getValue();
        Object inner = chosen instanceof weka.clusterers.SingleClustererEnhancer wrapper ? wrapper.getClusterer() : chosen;
        System.out.println("=== clusterer: " + chosen.getClass().getName() + " using " + inner.getClass().getName() + " from "
                + inner.getClass().getProtectionDomain().getCodeSource().getLocation());
        System.out.println(text);
        System.exit(0);
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(owner);
    }
}
